import { RateLimitedError } from '@tripline/connector-sdk';
import { connectionKey } from '../auth/connection-key';
import type { HubSpotConfig } from '../auth/hubspot-config';
import { nextMidnight } from '../time/next-midnight';

/** What HubSpot last said about a connection's daily allowance (private apps; OAuth apps have none). */
export interface DailyBudget {
  limit?: number;
  remaining: number;
  observedAt: number;
  /** Set once the allowance is used up: no call is made before this time (epoch ms). */
  exhaustedUntil?: number;
}

const budgets = new Map<string, DailyBudget>();

/**
 * Before a call: when the day's allowance is known to be used up, throw a RateLimitedError that
 * retries at the next midnight in the account's time zone (when HubSpot resets it), without
 * spending a call on a certain 429. Rate-limited rather than non-retryable because the condition
 * heals by itself; the step's retry policy and timeout bound how long a run waits for it.
 */
export function assertDailyBudget(config: HubSpotConfig, now = Date.now()): void {
  const budget = budgets.get(connectionKey(config));
  if (budget?.exhaustedUntil === undefined) return;
  if (budget.exhaustedUntil <= now) {
    budgets.delete(connectionKey(config));
    return;
  }
  throw dailyLimitError(budget.exhaustedUntil, now);
}

/** After a call: record `X-HubSpot-RateLimit-Daily` / `-Daily-Remaining`; 0 left closes the day. */
export function observeDailyBudget(config: HubSpotConfig, headers: { get(name: string): string | null }, now = Date.now()): void {
  const remainingHeader = headers.get('x-hubspot-ratelimit-daily-remaining');
  if (remainingHeader === null || !/^\d+$/.test(remainingHeader.trim())) return;
  const limitHeader = headers.get('x-hubspot-ratelimit-daily');
  const remaining = Number(remainingHeader.trim());
  budgets.set(connectionKey(config), {
    limit: limitHeader !== null && /^\d+$/.test(limitHeader.trim()) ? Number(limitHeader.trim()) : undefined,
    remaining,
    observedAt: now,
    exhaustedUntil: remaining <= 0 ? nextMidnight(config.accountTimeZone, now) : undefined,
  });
}

/** A 429 with policy DAILY: nothing more today. Returns when calls may resume. */
export function markDailyBudgetExhausted(config: HubSpotConfig, now = Date.now()): number {
  const until = nextMidnight(config.accountTimeZone, now);
  const previous = budgets.get(connectionKey(config));
  budgets.set(connectionKey(config), { limit: previous?.limit, remaining: 0, observedAt: now, exhaustedUntil: until });
  return until;
}

/** The last daily budget seen for a connection (for connection health), if any. */
export function dailyBudgetOf(config: HubSpotConfig): DailyBudget | undefined {
  const budget = budgets.get(connectionKey(config));
  return budget ? { ...budget } : undefined;
}

/** Forgets every budget (tests). */
export function clearDailyBudgets(): void {
  budgets.clear();
}

export function dailyLimitError(until: number, now: number): RateLimitedError {
  return new RateLimitedError(
    `HubSpot's daily API limit for this account is used up; calls resume at ${new Date(until).toISOString()}`,
    Math.max(0, until - now),
  );
}
