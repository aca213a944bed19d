import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

/**
 * The message a person should read for a failure. An ActivityFailure only says "Activity task
 * failed"; the reason is its cause.
 */
export function failureMessage(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause) return failureMessage(error.cause);
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A permanent failure of the run, typed so the Temporal UI and callers can tell kinds apart. */
export function runFailure(message: string, type: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, type);
}
