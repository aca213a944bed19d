/** The org's daily API usage as Salesforce last reported it. */
export interface ApiUsage {
  /** Calls counted in the last 24 hours. */
  used: number;
  /** The org's allocation for 24 hours. */
  max: number;
  /** ISO 8601: when the answer carrying it arrived. */
  seenAt: string;
}

/**
 * Reads `Sforce-Limit-Info: api-usage=18/15000` (Salesforce adds it to every REST answer; other
 * entries such as `per-app-api-usage=...` may follow, comma-separated). Undefined when absent.
 */
export function parseLimitInfo(header: string | null | undefined, now: Date = new Date()): ApiUsage | undefined {
  if (!header) return undefined;
  const found = /(?:^|[\s,;])api-usage=(\d+)\/(\d+)/.exec(header);
  if (!found) return undefined;
  return { used: Number(found[1]), max: Number(found[2]), seenAt: now.toISOString() };
}

// The latest usage per org (instance URL), so every action and poll of this process sees the budget.
const latestByInstance = new Map<string, ApiUsage>();

export function recordApiUsage(instanceUrl: string, usage: ApiUsage): void {
  latestByInstance.set(instanceUrl, usage);
}

/** The latest usage this process saw for an org, if any: what a connection's health can show. */
export function lastApiUsage(instanceUrl: string): ApiUsage | undefined {
  return latestByInstance.get(instanceUrl);
}

/** How long a reading is trusted for the budget check; after that one call goes through and refreshes it. */
export const USAGE_READING_TTL_MS = 5 * 60_000;

/** True when the last fresh reading says Tripline has used its share of the daily allocation. */
export function overBudget(usage: ApiUsage | undefined, budgetPercent: number, now: number = Date.now()): boolean {
  if (!usage || usage.max <= 0) return false;
  if (now - Date.parse(usage.seenAt) > USAGE_READING_TTL_MS) return false;
  return usage.used >= (usage.max * budgetPercent) / 100;
}
