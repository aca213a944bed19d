import { AuthError, errorFromHttpResponse, type TaxonomyError } from '@tripline/connector-sdk';
import type { SafeFetchResponse } from '../network/safe-fetch';

const EXCERPT_CHARACTERS = 500;

/** The start of the receiver's answer, as text, for outputs and error messages. */
export function bodyExcerpt(response: SafeFetchResponse): string {
  return response.body.toString('utf8').slice(0, EXCERPT_CHARACTERS);
}

/**
 * The taxonomy error for a receiver's non-2xx answer, or undefined for a 2xx: 429 → rate limited
 * after its Retry-After; 5xx (and 408) → retryable; 401/403 → auth (the receiver refused our
 * signature: the secret needs fixing, which retrying cannot do); any other 4xx → non-retryable.
 * Messages name the method and host only: a webhook URL's path or query may hold a token.
 */
export function errorForResponse(response: SafeFetchResponse, method: string): TaxonomyError | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  const headers = { get: (name: string) => headerValue(response, name) };
  const error = errorFromHttpResponse({ status: response.status, headers }, `${method} ${response.url.host}`, bodyExcerpt(response) || undefined);
  if (error instanceof AuthError) {
    return new AuthError(`${error.message} (the receiver refused the request: check the connection's signing secret)`);
  }
  return error;
}

function headerValue(response: SafeFetchResponse, name: string): string | null {
  const value = response.headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
