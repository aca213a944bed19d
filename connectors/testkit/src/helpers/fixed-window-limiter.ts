export interface LimiterDecision {
  allowed: boolean;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** Epoch ms when the current window ends. */
  resetAt: number;
  /** Ms until the window ends: what a vendor puts in Retry-After (0 when allowed). */
  retryAfterMs: number;
  /** The same, in whole seconds rounded up (at least 1), for a Retry-After header. */
  retryAfterSeconds: number;
}

export interface FixedWindowLimiter {
  /** Counts one request for `key` (e.g. the app or token; one shared bucket by default). */
  take(key?: string): LimiterDecision;
  /** Requests counted for `key` in the current window. */
  used(key?: string): number;
  reset(): void;
}

/**
 * A fixed-window counter, as vendors document their limits ("100 requests per 10 seconds",
 * "60 queries per hour"): a fake calls `take()` per request and answers the vendor's rate-limit
 * response once `allowed` is false. `now` can be replaced to test windows without waiting.
 */
export function fixedWindowLimiter(options: { limit: number; windowMs: number; now?: () => number }): FixedWindowLimiter {
  const { limit, windowMs } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`fixedWindowLimiter: limit must be a positive integer, got ${limit}`);
  if (!Number.isFinite(windowMs) || windowMs <= 0) throw new RangeError(`fixedWindowLimiter: windowMs must be positive, got ${windowMs}`);
  const now = options.now ?? Date.now;
  const windows = new Map<string, { startedAt: number; count: number }>();

  function current(key: string): { startedAt: number; count: number } {
    const at = now();
    let window = windows.get(key);
    if (!window || at >= window.startedAt + windowMs) {
      window = { startedAt: at, count: 0 };
      windows.set(key, window);
    }
    return window;
  }

  return {
    take(key = '') {
      const window = current(key);
      const resetAt = window.startedAt + windowMs;
      const allowed = window.count < limit;
      if (allowed) window.count += 1;
      const retryAfterMs = allowed ? 0 : Math.max(0, resetAt - now());
      return {
        allowed,
        remaining: Math.max(0, limit - window.count),
        resetAt,
        retryAfterMs,
        retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(retryAfterMs / 1000)),
      };
    },
    used(key = '') {
      return current(key).count;
    },
    reset() {
      windows.clear();
    },
  };
}
