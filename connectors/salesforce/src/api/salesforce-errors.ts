import {
  AuthError,
  InvalidInputError,
  NonRetryableError,
  RateLimitedError,
  RetryableError,
  errorFromHttpResponse,
  parseRetryAfter,
  type TaxonomyError,
} from '@tripline/connector-sdk';

/** One entry of Salesforce's REST error body: `[{"message": "...", "errorCode": "...", "fields": [...]}]`. */
export interface SalesforceApiError {
  errorCode: string;
  message: string;
  fields?: string[];
}

/**
 * REQUEST_LIMIT_EXCEEDED carries no Retry-After. The daily allocation is a rolling 24-hour window,
 * so capacity comes back gradually as old calls age out: waiting 10 minutes lets a run resume soon
 * after, while a step retrying all day spends at most ~150 refused calls (each refusal counts too).
 */
export const DAILY_LIMIT_RETRY_AFTER_MS = 10 * 60_000;
/** "ConcurrentPerOrgLongTxn Limit exceeded" clears as soon as long requests finish: retry sooner. */
export const CONCURRENT_LIMIT_RETRY_AFTER_MS = 30_000;

// Answered with 400 but temporary: another transaction held the row.
const TRANSIENT_CODES = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE']);
// The request itself is wrong (a field, a value, an id): it names what to fix.
const INPUT_CODES = new Set([
  'INVALID_FIELD',
  'INVALID_FIELD_FOR_INSERT_UPDATE',
  'INVALID_TYPE',
  'INVALID_ID_FIELD',
  'MALFORMED_ID',
  'MALFORMED_QUERY',
  'REQUIRED_FIELD_MISSING',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'FIELD_INTEGRITY_EXCEPTION',
  'INVALID_CROSS_REFERENCE_KEY',
  'STRING_TOO_LONG',
  'JSON_PARSER_ERROR',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
]);

/** The entries of a Salesforce error body (an array, or a single object on some endpoints). */
export function parseErrorBody(body: unknown): SalesforceApiError[] {
  const entries = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : [];
  return entries
    .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
    .filter((entry) => typeof entry.errorCode === 'string')
    .map((entry) => ({
      errorCode: entry.errorCode as string,
      message: typeof entry.message === 'string' ? entry.message : '',
      ...(Array.isArray(entry.fields) ? { fields: entry.fields.map(String) } : {}),
    }));
}

export function hasErrorCode(body: unknown, code: string): boolean {
  return parseErrorBody(body).some((entry) => entry.errorCode === code);
}

/**
 * Puts an unsuccessful REST answer into the taxonomy: REQUEST_LIMIT_EXCEEDED (403) → rate limited;
 * 401 → auth (the caller has already renewed the token once); lock contention and 5xx → retryable;
 * field, value and id problems → invalid input naming the fields; the rest by HTTP status.
 */
export function salesforceError(
  response: { status: number; statusText?: string; headers: { get(name: string): string | null } },
  what: string,
  body: unknown,
): TaxonomyError {
  const errors = parseErrorBody(body);
  const detail = errors.map((entry) => `${entry.errorCode}: ${entry.message.trim()}`).join('; ') || undefined;
  const message = `${what} answered ${response.status}${detail ? `: ${detail}` : ''}`;
  const limit = errors.find((entry) => entry.errorCode === 'REQUEST_LIMIT_EXCEEDED');
  if (limit) {
    const retryAfter =
      parseRetryAfter(response.headers.get('retry-after')) ??
      (/concurrent/i.test(limit.message) ? CONCURRENT_LIMIT_RETRY_AFTER_MS : DAILY_LIMIT_RETRY_AFTER_MS);
    return new RateLimitedError(message, retryAfter);
  }
  if (response.status === 401) return new AuthError(message);
  if (errors.some((entry) => TRANSIENT_CODES.has(entry.errorCode))) return new RetryableError(message);
  const inputErrors = errors.filter((entry) => INPUT_CODES.has(entry.errorCode));
  if (inputErrors.length > 0 && response.status < 500) {
    const issues = inputErrors.map((entry) => ({ field: entry.fields?.join(', ') ?? '', message: `${entry.errorCode}: ${entry.message.trim()}` }));
    return new InvalidInputError(message, issues);
  }
  if (response.status === 404) return new NonRetryableError(message);
  return errorFromHttpResponse(response, what, detail);
}
