import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from './test-app';

export interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphqlResponse<T = any> {
  data: T | null;
  errors?: GraphqlError[];
  /** The HTTP status, for tests about transport-level behaviour. */
  status: number;
}

/** POSTs one GraphQL operation to `${url}/graphql`, with `Authorization: Bearer <token>` when given. */
export async function gql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: GraphqlError[] };
  return { data: body.data ?? null, errors: body.errors, status: response.status };
}

const LOGIN = `mutation Login($email: String!, $password: String!, $workspaceId: ID) {
  login(email: $email, password: $password, workspaceId: $workspaceId) { token role workspace { id name } user { id email } }
}`;

/** Signs in and returns the token; throws with the server's message when login fails. */
export async function login(url: string, email: string, password: string, workspaceId?: string): Promise<string> {
  const result = await gql<{ login: { token: string } }>(url, LOGIN, { email, password, workspaceId });
  if (!result.data?.login) throw new Error(`login as ${email} failed: ${JSON.stringify(result.errors)}`);
  return result.data.login.token;
}

/** The seeded admin's token (credentials from test-app.ts). */
export function loginAsAdmin(url: string): Promise<string> {
  return login(url, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
}
