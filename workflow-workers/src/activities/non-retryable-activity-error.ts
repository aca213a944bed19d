import { ApplicationFailure } from '@temporalio/common';

/** A problem of the step itself (wrong connection kind, ...) that no retry can fix. */
export class NonRetryableActivityError extends ApplicationFailure {
  constructor(message: string, type: string) {
    super(message, type, true);
  }
}
