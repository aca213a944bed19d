import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphqlResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function gql<T = any>(apiUrl: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphqlResponse<T>;
}

/** Like gql, but any GraphQL error fails the test with its message. */
export async function gqlData<T = any>(apiUrl: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const result = await gql<T>(apiUrl, query, variables, token);
  if (result.errors?.length) throw new Error(`GraphQL error: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.data as T;
}

export function subscriptionClient(apiUrl: string, token: string): Client {
  return createClient({
    url: `${apiUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
}
