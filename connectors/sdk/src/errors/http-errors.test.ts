import { AuthError, NonRetryableError, RateLimitedError, RetryableError } from './connector-errors';
import { DEFAULT_RETRY_AFTER_MS, errorFromHttpResponse, parseRetryAfter } from './http-errors';

const answer = (status: number, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, and nothing else', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('errorFromHttpResponse', () => {
  it('turns a 429 into a rate limit with the server delay (or a default)', () => {
    const limited = errorFromHttpResponse(answer(429, { 'retry-after': '2' }), 'POST /tasks', 'slow down');
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(2000);
    expect(limited.message).toBe('POST /tasks answered 429: slow down');
    expect((errorFromHttpResponse(answer(429), 'GET /x') as RateLimitedError).retryAfterMs).toBe(DEFAULT_RETRY_AFTER_MS);
    expect(errorFromHttpResponse(answer(503, { 'retry-after': '7' }), 'GET /x')).toMatchObject({ kind: 'rateLimited', retryAfterMs: 7000 });
  });

  it('classifies auth, temporary and permanent answers', () => {
    expect(errorFromHttpResponse(answer(401), 'GET /x')).toBeInstanceOf(AuthError);
    expect(errorFromHttpResponse(answer(403), 'GET /x')).toBeInstanceOf(AuthError);
    expect(errorFromHttpResponse(answer(503), 'GET /x')).toBeInstanceOf(RetryableError);
    expect(errorFromHttpResponse(answer(408), 'GET /x')).toBeInstanceOf(RetryableError);
    expect(errorFromHttpResponse(answer(404), 'DELETE /tasks/1')).toBeInstanceOf(NonRetryableError);
  });
});
