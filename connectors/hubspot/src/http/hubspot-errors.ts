import {
  RateLimitedError,
  RetryableError,
  errorFromHttpResponse,
  parseRetryAfter,
  type HttpResponseLike,
  type TaxonomyError,
} from '@tripline/connector-sdk';
import type { HubSpotConfig } from '../auth/hubspot-config';
import { dailyLimitError, markDailyBudgetExhausted } from './daily-budget';

/**
 * HubSpot's error body: `{ status: "error", message, correlationId, category }`, plus on 429
 * `errorType: "RATE_LIMIT"` and `policyName` (TEN_SECONDLY_ROLLING, SECONDLY for search, DAILY).
 */
export interface HubSpotErrorBody {
  status?: string;
  message?: string;
  correlationId?: string;
  category?: string;
  errorType?: string;
  policyName?: string;
  errors?: { message?: string; code?: string; context?: Record<string, unknown> }[];
}

/** Without a Retry-After, wait out the window HubSpot names (X-HubSpot-RateLimit-Interval-Milliseconds). */
const TEN_SECONDLY_WINDOW_MS = 10_000;
const SEARCH_WINDOW_MS = 1_000;

export function parseErrorBody(text: string): HubSpotErrorBody | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as HubSpotErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Puts an unsuccessful HubSpot answer into the taxonomy. 429 → rate limited after Retry-After when
 * given, else after the window of the exhausted policy (DAILY: the next midnight in the account's
 * time zone); 423 (record locked for ~2 s) → retryable; the rest as the SDK maps HTTP statuses.
 */
export function hubspotError(
  response: HttpResponseLike,
  what: string,
  text: string,
  config: HubSpotConfig,
  now = Date.now(),
): TaxonomyError {
  const body = parseErrorBody(text);
  const detail = describe(body, text);
  if (response.status === 429) {
    if (body?.policyName === 'DAILY') {
      const until = markDailyBudgetExhausted(config, now);
      const error = dailyLimitError(until, now);
      return new RateLimitedError(`${what} answered 429: ${detail}. ${error.message}`, error.retryAfterMs);
    }
    const interval = Number(response.headers.get('x-hubspot-ratelimit-interval-milliseconds'));
    const fallback = body?.policyName === 'SECONDLY' ? SEARCH_WINDOW_MS : Number.isFinite(interval) && interval > 0 ? interval : TEN_SECONDLY_WINDOW_MS;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), new Date(now)) ?? fallback;
    return new RateLimitedError(`${what} answered 429: ${detail}`, retryAfterMs);
  }
  if (response.status === 423) return new RetryableError(`${what} answered 423 (record locked): ${detail}`);
  return errorFromHttpResponse(response, what, detail);
}

function describe(body: HubSpotErrorBody | undefined, text: string): string {
  if (!body) return text.slice(0, 300) || 'no body';
  const kind = body.category ?? body.policyName ?? body.errorType ?? body.status;
  const parts = [kind, body.message].filter(Boolean).join(': ');
  return body.correlationId ? `${parts} (correlationId ${body.correlationId})` : parts;
}
