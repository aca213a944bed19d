/**
 * The error taxonomy every connector speaks. The worker maps these to Temporal retry behaviour:
 * retryable errors are retried with backoff, rate limits after the server's delay, and auth or
 * input problems fail the step at once (retrying cannot fix a wrong password or a bad address).
 */

export type ConnectorErrorKind = 'retryable' | 'rateLimited' | 'auth' | 'nonRetryable';

// A global symbol rather than instanceof alone: two copies of this package (src under Jest,
// dist in production) must still recognise each other's errors.
const CONNECTOR_ERROR = Symbol.for('tripline.connectorError');

export abstract class ConnectorError extends Error {
  abstract readonly kind: ConnectorErrorKind;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    Object.defineProperty(this, CONNECTOR_ERROR, { value: true });
  }

  get retryable(): boolean {
    return this.kind === 'retryable' || this.kind === 'rateLimited';
  }
}

/** A temporary failure (connection refused, timeout, 4xx SMTP reply, 5xx HTTP): try again later. */
export class RetryableError extends ConnectorError {
  readonly kind = 'retryable' as const;
}

/** The vendor asked us to slow down; retry no sooner than `retryAfterMs`. */
export class RateLimitedError extends ConnectorError {
  readonly kind = 'rateLimited' as const;

  constructor(
    message: string,
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    if (!Number.isFinite(retryAfterMs) || retryAfterMs < 0) {
      throw new RangeError(`retryAfterMs must be a non-negative number, got ${retryAfterMs}`);
    }
  }
}

/** The credentials were refused or are missing: a person has to fix the connection. */
export class AuthError extends ConnectorError {
  readonly kind = 'auth' as const;
}

/** A permanent failure: the same request will fail the same way. */
export class NonRetryableError extends ConnectorError {
  readonly kind = 'nonRetryable' as const;
}

export interface InputIssue {
  /** Dotted path of the offending field, e.g. "to" or "headers.0.name"; "" for the whole input. */
  field: string;
  message: string;
}

/** The input (or connection config) does not match the schema; names every offending field. */
export class InvalidInputError extends NonRetryableError {
  constructor(
    message: string,
    readonly issues: InputIssue[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The four kinds every connector error is one of (InvalidInputError is a NonRetryableError). */
export type TaxonomyError = RetryableError | RateLimitedError | AuthError | NonRetryableError;

export function isConnectorError(error: unknown): error is ConnectorError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[CONNECTOR_ERROR] === true;
}
