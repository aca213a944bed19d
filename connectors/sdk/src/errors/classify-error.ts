import {
  InvalidInputError,
  NonRetryableError,
  RetryableError,
  isConnectorError,
  type TaxonomyError,
} from './connector-errors';

// Node's socket and DNS error codes that mean "the other side was not reachable just now".
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * Puts any error thrown by a connector into the taxonomy. Connector errors pass through; network
 * errors are retryable; zod validation errors are invalid input; anything else is treated as
 * retryable (as Temporal does) because an unknown failure may well be temporary, and the step's
 * retry policy bounds how often we try.
 */
export function classifyError(error: unknown): TaxonomyError {
  // Every ConnectorError subclasses one of the four kinds.
  if (isConnectorError(error)) return error as TaxonomyError;

  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);

  if (code && TRANSIENT_NETWORK_CODES.has(code)) {
    return new RetryableError(`Network error (${code}): ${message}`, { cause: error });
  }
  if (isAbortError(error)) {
    return new RetryableError(`The operation was aborted or timed out: ${message}`, { cause: error });
  }
  if (isZodError(error)) {
    const issues = error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
    return new InvalidInputError(`Invalid input: ${formatIssues(issues)}`, issues, { cause: error });
  }
  if (error instanceof TypeError || error instanceof RangeError) {
    // Programming errors do not heal by retrying.
    return new NonRetryableError(message, { cause: error });
  }
  return new RetryableError(message || 'Unknown error', { cause: error });
}

export function formatIssues(issues: { field: string; message: string }[]): string {
  return issues.map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message)).join('; ');
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // fetch() wraps the socket error in `cause`.
  const cause = (error as { cause?: unknown }).cause;
  return cause && cause !== error ? errorCode(cause) : undefined;
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function isZodError(error: unknown): error is { issues: { path: PropertyKey[]; message: string }[] } {
  return (
    error instanceof Error &&
    (error.name === 'ZodError' || error.name === '$ZodError') &&
    Array.isArray((error as { issues?: unknown }).issues)
  );
}
