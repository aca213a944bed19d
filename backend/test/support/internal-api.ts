import { TEST_INTERNAL_TOKEN, TestApp } from './test-app';

export interface InternalResponse<T = any> {
  status: number;
  body: T;
}

/**
 * Calls the worker API (`/internal/*`) the way the worker does: JSON over HTTP with the internal
 * token. `token: null` sends no Authorization header.
 */
export async function internalRequest<T = any>(
  t: Pick<TestApp, 'url'>,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  token: string | null = TEST_INTERNAL_TOKEN,
): Promise<InternalResponse<T>> {
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
