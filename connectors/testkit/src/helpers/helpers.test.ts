import { fixedWindowLimiter } from './fixed-window-limiter';
import { paginate } from './paginate';
import { basicAuth, bearerToken } from './request-auth';

describe('bearerToken and basicAuth', () => {
  it('read the Authorization header, whatever the case of the scheme', () => {
    expect(bearerToken({ headers: { authorization: 'Bearer pat-na1-123' } })).toBe('pat-na1-123');
    expect(bearerToken({ headers: { authorization: 'bearer abc' } })).toBe('abc');
    expect(bearerToken({ headers: { authorization: 'Basic abc' } })).toBeUndefined();
    expect(bearerToken({ headers: {} })).toBeUndefined();
    const header = `Basic ${Buffer.from('svc-account:s3cr:et').toString('base64')}`;
    expect(basicAuth({ headers: { authorization: header } })).toEqual({ username: 'svc-account', password: 's3cr:et' });
    expect(basicAuth({ headers: { authorization: `Basic ${Buffer.from('nocolon').toString('base64')}` } })).toBeUndefined();
    expect(basicAuth({ headers: { authorization: 'Bearer x' } })).toBeUndefined();
  });
});

describe('paginate', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('walks every item once through the cursors it hands out', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = paginate(items, cursor, 2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
      expect(page.total).toBe(5);
    } while (cursor);
    expect(seen).toEqual(items);
    expect(pages).toBe(3);
    expect(paginate(items, undefined, 5).nextCursor).toBeUndefined();
  });

  it('refuses cursors it never handed out and a page size below one', () => {
    expect(() => paginate(items, 'abc', 2)).toThrow("paginate: invalid cursor 'abc'");
    expect(() => paginate(items, '9', 2)).toThrow("paginate: invalid cursor '9'");
    expect(() => paginate(items, null, 0)).toThrow('pageSize must be a positive integer, got 0');
  });
});

describe('fixedWindowLimiter', () => {
  it('allows `limit` requests per window and key, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = fixedWindowLimiter({ limit: 2, windowMs: 10_000, now: () => now });
    expect(limiter.take('app').allowed).toBe(true);
    now += 1000;
    expect(limiter.take('app')).toMatchObject({ allowed: true, remaining: 0 });
    now += 1500;
    expect(limiter.take('app')).toEqual({ allowed: false, remaining: 0, resetAt: 1_010_000, retryAfterMs: 7500, retryAfterSeconds: 8 });
    expect(limiter.take('other').allowed).toBe(true);
    expect(limiter.used('app')).toBe(2);
    now = 1_010_000;
    expect(limiter.take('app')).toMatchObject({ allowed: true, remaining: 1 });
    limiter.reset();
    expect(limiter.used('app')).toBe(0);
  });

  it('refuses a limit or window that is not positive', () => {
    expect(() => fixedWindowLimiter({ limit: 0, windowMs: 1000 })).toThrow('limit must be a positive integer, got 0');
    expect(() => fixedWindowLimiter({ limit: 1, windowMs: 0 })).toThrow('windowMs must be positive, got 0');
  });
});
