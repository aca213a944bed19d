import {
  RateLimitedError,
  RetryableError,
  errorFromHttpResponse,
  parseRetryAfter,
  type TaxonomyError,
} from '@tripline/connector-sdk';

/**
 * Mixpanel documents a 429 for the export's 60 queries / hour (and 3 / second) but no Retry-After.
 * Without one we wait a minute: the hourly budget frees one query a minute on average.
 */
export const MIXPANEL_DEFAULT_RETRY_AFTER_MS = 60_000;

const MAX_DETAIL = 300;

/**
 * Puts an unsuccessful export answer into the taxonomy. The body is Mixpanel's error text (JSON with
 * an `error` field, or plain text); it never holds our credentials, which travel only in a header.
 */
export function exportErrorFrom(
  response: { status: number; statusText?: string; headers: { get(name: string): string | null } },
  bodyText: string,
  what: string,
): TaxonomyError {
  const detail = errorDetail(bodyText);
  if (response.status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? MIXPANEL_DEFAULT_RETRY_AFTER_MS;
    return new RateLimitedError(
      `${what} answered 429: Mixpanel's export limit (60 queries an hour, 3 a second) was reached${detail ? ` (${detail})` : ''}`,
      retryAfterMs,
    );
  }
  if (response.status === 400 && /to_date.*later than today/i.test(detail)) {
    // Our "today" is ahead of Mixpanel's: a clock a few seconds apart at midnight (heals by itself)
    // or a project timezone that does not match Mixpanel's (the message says what to fix).
    return new RetryableError(
      `${what} answered 400: ${detail}. If this persists, set the connection's project timezone to the one Mixpanel uses for this project ("UTC" for projects created from 2023 on)`,
    );
  }
  if (response.status === 401) {
    return errorFromHttpResponse(response, what, `Mixpanel refused the service account username or secret${detail ? ` (${detail})` : ''}`);
  }
  if (response.status === 403) {
    return errorFromHttpResponse(response, what, `the service account may not read this project${detail ? ` (${detail})` : ''}`);
  }
  return errorFromHttpResponse(response, what, detail || undefined);
}

function errorDetail(bodyText: string): string {
  const text = bodyText.trim();
  if (!text) return '';
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && typeof (parsed as { error?: unknown }).error === 'string') {
      return truncate((parsed as { error: string }).error);
    }
  } catch {
    // Plain text: use it as it is.
  }
  return truncate(text);
}

function truncate(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}
