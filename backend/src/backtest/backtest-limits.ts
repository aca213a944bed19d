/** Bounds of one backtest request: it runs in the API process, in memory, in one pass. */
export const BACKTEST_LIMITS = {
  /** Stored track events one backtest may load (history up to `to`, plus outcome events after it). */
  maxEvents: 2_000_000,
  /** Days from `from` to `to`: fires are reported per day. */
  maxRangeDays: 3 * 366,
  /** Rows per history query. */
  pageSize: 5_000,
} as const;
