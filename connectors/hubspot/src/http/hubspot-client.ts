import { RetryableError, isConnectorError } from '@tripline/connector-sdk';
import { accessTokenFor } from '../auth/access-token';
import type { HubSpotConfig } from '../auth/hubspot-config';
import { assertDailyBudget, observeDailyBudget } from './daily-budget';
import { hubspotError } from './hubspot-errors';

export interface HubSpotCall {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path under the API base, e.g. "/crm/v3/objects/tasks". */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  signal?: AbortSignal;
}

export interface HubSpotAnswer<T> {
  status: number;
  /** Parsed JSON; undefined for 204. */
  body: T;
}

/**
 * One authenticated call to HubSpot's API. Checks the daily budget first, records the rate-limit
 * headers, maps failures to the SDK taxonomy, and — for OAuth2 connections — refreshes the access
 * token once when a call is refused with 401 (it may have been revoked or rotated early).
 */
export async function hubspotCall<T = unknown>(config: HubSpotConfig, call: HubSpotCall): Promise<HubSpotAnswer<T>> {
  assertDailyBudget(config);
  const what = `HubSpot ${call.method} ${call.path}`;
  let response = await send(config, call, await accessTokenFor(config, { signal: call.signal }), what);
  if (response.status === 401 && config.authType === 'oauth2') {
    await response.arrayBuffer();
    response = await send(config, call, await accessTokenFor(config, { force: true, signal: call.signal }), what);
  }
  observeDailyBudget(config, response.headers);
  const text = await response.text();
  if (!response.ok) throw hubspotError(response, what, text, config);
  if (response.status === 204 || text === '') return { status: response.status, body: undefined as T };
  try {
    return { status: response.status, body: JSON.parse(text) as T };
  } catch (error) {
    throw new RetryableError(`${what} answered ${response.status} with a body that is not JSON`, { cause: error });
  }
}

async function send(config: HubSpotConfig, call: HubSpotCall, token: string, what: string): Promise<Response> {
  const url = new URL(call.path, config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`);
  // new URL('/crm/...', base) would drop a base path (a proxy prefix); keep it.
  url.pathname = `${new URL(config.baseUrl).pathname.replace(/\/$/, '')}${call.path}`;
  for (const [name, value] of Object.entries(call.query ?? {})) if (value !== undefined) url.searchParams.set(name, value);
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(url, {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: call.signal,
    });
  } catch (error) {
    if (isConnectorError(error)) throw error;
    if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) throw error;
    const cause = (error as { cause?: { code?: string } }).cause;
    throw new RetryableError(`${what} could not be reached${cause?.code ? ` (${cause.code})` : ''}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
