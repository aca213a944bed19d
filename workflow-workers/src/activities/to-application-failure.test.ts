import { ApplicationFailure } from '@temporalio/common';
import { AuthError, InvalidInputError, NonRetryableError, RateLimitedError, RetryableError } from '@tripline/connector-sdk';
import { TemplateError } from '@tripline/templates';
import { WorkerApiError } from '../worker-api/worker-api';
import { toApplicationFailure } from './to-application-failure';

describe('toApplicationFailure', () => {
  it('retries temporary failures and stops at once on permanent ones', () => {
    expect(toApplicationFailure(new RetryableError('SMTP 421')).nonRetryable).toBe(false);
    expect(toApplicationFailure(new AuthError('bad password'))).toMatchObject({ type: 'AuthError', nonRetryable: true });
    expect(toApplicationFailure(new NonRetryableError('550'))).toMatchObject({ type: 'NonRetryableError', nonRetryable: true });
    expect(toApplicationFailure(new InvalidInputError('to: Invalid email', []))).toMatchObject({
      type: 'InvalidInputError',
      nonRetryable: true,
      message: 'to: Invalid email',
    });
  });

  it('retries a rate limit after the delay the vendor asked for', () => {
    const failure = toApplicationFailure(new RateLimitedError('429 from HubSpot', 7000));
    expect(failure).toMatchObject({ type: 'RateLimitedError', nonRetryable: false, nextRetryDelay: 7000 });
  });

  it('treats worker API errors by their status', () => {
    expect(toApplicationFailure(new WorkerApiError('503', 503, true)).nonRetryable).toBe(false);
    expect(toApplicationFailure(new WorkerApiError('404', 404, false)).nonRetryable).toBe(true);
  });

  it('never retries a template error', () => {
    const failure = toApplicationFailure(new TemplateError({ reason: 'parse', detail: 'output not closed' }, 'subject'));
    expect(failure).toMatchObject({
      type: 'TemplateError',
      nonRetryable: true,
      message: 'template "subject" could not be parsed: output not closed',
    });
  });

  it('passes ApplicationFailures through and classifies unknown errors', () => {
    const own = ApplicationFailure.nonRetryable('mine', 'Mine');
    expect(toApplicationFailure(own)).toBe(own);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(toApplicationFailure(refused)).toMatchObject({ type: 'RetryableError', nonRetryable: false });
  });
});
