import { AuthError, NonRetryableError, RateLimitedError, RetryableError, type TaxonomyError } from './connector-errors';

/** When a 429 or 503 gives no usable Retry-After, wait this long before the next attempt. */
export const DEFAULT_RETRY_AFTER_MS = 1000;

/**
 * Milliseconds to wait from a Retry-After header: either delay-seconds ("2") or an HTTP date
 * (RFC 9110 §10.2.3). Undefined when absent or unreadable; a date in the past means 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Anything else must be a date; Date.parse would read "-3" or "1.5" as years.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** The parts of a fetch Response the mapping reads. */
export interface HttpResponseLike {
  status: number;
  statusText?: string;
  headers: { get(name: string): string | null };
}

/**
 * Puts an unsuccessful HTTP answer into the taxonomy: 429 (and 503 with Retry-After) → rate limited
 * after the server's delay; 401/403 → auth; 408/425/5xx → retryable; other 4xx → non-retryable.
 * `what` says which call it was ("POST /tasks"); `detail` (e.g. the body) is appended.
 */
export function errorFromHttpResponse(response: HttpResponseLike, what: string, detail?: string): TaxonomyError {
  const message = `${what} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${detail ? `: ${detail}` : ''}`;
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  if (response.status === 429 || (response.status === 503 && retryAfter !== undefined)) {
    return new RateLimitedError(message, retryAfter ?? DEFAULT_RETRY_AFTER_MS);
  }
  if (response.status === 401 || response.status === 403) return new AuthError(message);
  if (response.status === 408 || response.status === 425 || response.status >= 500) return new RetryableError(message);
  return new NonRetryableError(message);
}
