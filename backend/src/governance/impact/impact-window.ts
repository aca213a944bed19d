/**
 * The history an impact summary looks back over: [now − windowDays, now). Pure.
 */
import { BACKTEST_LIMITS } from '../../backtest/backtest-limits';

const DAY_MS = 86_400_000;
/** Used when a policy's windowDays is not a positive number (a parsed policy always has one). */
const FALLBACK_WINDOW_DAYS = 28;

export interface ImpactWindow {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** The window's length in days: fires per week = fires × 7 / days. */
  days: number;
  /** Why the window differs from what the policy asked for (else empty). */
  notes: string[];
}

/**
 * [now − windowDays, now), with windowDays kept within what a backtest covers
 * (BACKTEST_LIMITS.maxRangeDays), so the figures never come from an unbounded replay.
 */
export function impactWindow(windowDays: number, now: Date): ImpactWindow {
  const notes: string[] = [];
  let days = windowDays;
  if (!(Number.isFinite(days) && days > 0)) {
    notes.push(`the policy's impact window (${String(windowDays)} days) is not a positive number of days: ${FALLBACK_WINDOW_DAYS} days were used`);
    days = FALLBACK_WINDOW_DAYS;
  } else if (days > BACKTEST_LIMITS.maxRangeDays) {
    notes.push(`the policy's impact window (${days} days) is longer than a backtest covers: the last ${BACKTEST_LIMITS.maxRangeDays} days were used`);
    days = BACKTEST_LIMITS.maxRangeDays;
  }
  const to = now.getTime();
  return { from: to - days * DAY_MS, to, days, notes };
}
