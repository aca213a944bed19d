import { classifyError } from '@tripline/connector-sdk';
import { TemplateError } from '@tripline/templates';
import { ApplicationFailure } from '@temporalio/common';
import { WorkerApiError } from '../worker-api/worker-api';

/**
 * Maps any error of an activity to how Temporal should treat it: auth and input problems (and
 * template errors) fail the step at once, rate limits retry after the vendor's delay, everything
 * temporary retries with the step's backoff. The failure type names the class of problem.
 */
export function toApplicationFailure(error: unknown): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof TemplateError) {
    return ApplicationFailure.create({ message: error.message, type: 'TemplateError', nonRetryable: true });
  }
  if (error instanceof WorkerApiError) {
    return ApplicationFailure.create({ message: error.message, type: 'WorkerApiError', nonRetryable: !error.retryable });
  }
  const classified = classifyError(error);
  switch (classified.kind) {
    case 'rateLimited':
      return ApplicationFailure.create({
        message: classified.message,
        type: classified.name,
        nextRetryDelay: classified.retryAfterMs,
      });
    case 'retryable':
      return ApplicationFailure.create({ message: classified.message, type: classified.name });
    case 'auth':
    case 'nonRetryable':
      return ApplicationFailure.create({ message: classified.message, type: classified.name, nonRetryable: true });
  }
}
