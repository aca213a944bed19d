import { z } from 'zod';
import { classifyError } from './classify-error';
import {
  AuthError,
  InvalidInputError,
  NonRetryableError,
  RateLimitedError,
  RetryableError,
  isConnectorError,
} from './connector-errors';

describe('the error taxonomy', () => {
  it('says which errors are retryable', () => {
    expect(new RetryableError('try again').retryable).toBe(true);
    expect(new RateLimitedError('slow down', 5000).retryable).toBe(true);
    expect(new AuthError('bad password').retryable).toBe(false);
    expect(new NonRetryableError('bad request').retryable).toBe(false);
    expect(new InvalidInputError('bad input', [{ field: 'to', message: 'Invalid email' }]).retryable).toBe(false);
  });

  it('keeps the retry delay of a rate limit and refuses a negative one', () => {
    expect(new RateLimitedError('429', 1500).retryAfterMs).toBe(1500);
    expect(() => new RateLimitedError('429', -1)).toThrow('retryAfterMs must be a non-negative number, got -1');
  });

  it('names errors after their class, so logs say what happened', () => {
    expect(new AuthError('x').name).toBe('AuthError');
    expect(new InvalidInputError('x', []).name).toBe('InvalidInputError');
    expect(new InvalidInputError('x', [])).toBeInstanceOf(NonRetryableError);
  });

  it('recognises connector errors without instanceof', () => {
    expect(isConnectorError(new RetryableError('x'))).toBe(true);
    expect(isConnectorError(new Error('x'))).toBe(false);
    expect(isConnectorError({ kind: 'retryable' })).toBe(false);
  });
});

describe('classifyError', () => {
  it('passes connector errors through unchanged', () => {
    const error = new AuthError('refused');
    expect(classifyError(error)).toBe(error);
  });

  it('treats socket errors as retryable, including ones wrapped by fetch', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(classifyError(refused)).toBeInstanceOf(RetryableError);
    expect(classifyError(refused).message).toContain('ECONNREFUSED');

    const wrapped = new TypeError('fetch failed', { cause: refused });
    expect(classifyError(wrapped)).toBeInstanceOf(RetryableError);
  });

  it('treats zod validation errors as invalid input naming the field', () => {
    const result = z.object({ to: z.email() }).safeParse({ to: 'nope' });
    const classified = classifyError(result.error);
    expect(classified).toBeInstanceOf(InvalidInputError);
    expect(classified.message).toMatch(/^Invalid input: to: /);
    expect((classified as InvalidInputError).issues[0]!.field).toBe('to');
  });

  it('treats programming errors as non-retryable and anything else as retryable', () => {
    expect(classifyError(new TypeError('x is not a function'))).toBeInstanceOf(NonRetryableError);
    expect(classifyError(new Error('something odd'))).toBeInstanceOf(RetryableError);
    expect(classifyError('a string').message).toBe('a string');
  });

  it('treats a timeout as retryable', () => {
    const timeout = new DOMException('The operation timed out', 'TimeoutError');
    expect(classifyError(timeout)).toBeInstanceOf(RetryableError);
  });
});
