import { isGrpcServiceError } from '@temporalio/client';

/** gRPC status codes that mean "the server could not be reached or did not answer", not "bad request". */
const UNREACHABLE_CODES = new Set([
  1, // CANCELLED (the channel went away)
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED
  14, // UNAVAILABLE
]);
const INVALID_ARGUMENT = 3;

/**
 * How a failed dispatch is retried:
 * - 'unreachable': Temporal is down or overloaded; retry without limit, and the whole loop backs off;
 * - 'rejected':    Temporal refused the request itself (e.g. an input over its size limit); trying
 *                  again cannot help, so the row is marked failed after a few tries;
 * - 'other':       anything else (a database hiccup, an unexpected error); retry without limit.
 */
export type DispatchFailure = 'unreachable' | 'rejected' | 'other';

export function classifyDispatchError(error: unknown): DispatchFailure {
  for (let current: unknown = error, depth = 0; current && depth < 8; current = (current as { cause?: unknown }).cause, depth++) {
    if (current instanceof TemporalUnreachableError) return 'unreachable';
    if (isGrpcServiceError(current)) {
      if (UNREACHABLE_CODES.has(current.code)) return 'unreachable';
      if (current.code === INVALID_ARGUMENT) return 'rejected';
      return 'other';
    }
  }
  return 'other';
}

/** Connecting to Temporal failed: no client could be made at all. */
export class TemporalUnreachableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`Cannot connect to Temporal: ${describeError(cause)}`);
  }
}

export function describeError(error: unknown): string {
  const messages: string[] = [];
  for (let current: unknown = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    const message = current instanceof Error ? current.message : String(current);
    if (!messages.some((m) => m.includes(message))) messages.push(message);
  }
  return messages.join(': ').slice(0, 2000);
}
