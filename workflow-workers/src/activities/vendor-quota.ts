import { dailyBudgetOf, type HubSpotConfig } from '@tripline/connector-hubspot';
import type { VendorQuotaReport } from '../worker-api/vendor-quota-types';

/**
 * The allowance a vendor reported with an action's answer, for the connection's budget view:
 * HubSpot's `X-HubSpot-RateLimit-Daily(-Remaining)` (kept by the connector per connection, resets at
 * the account's midnight), Salesforce's `Sforce-Limit-Info` (on every action's output as `apiUsage`,
 * a rolling 24 hours). Undefined for connectors that report none.
 */
export function vendorQuotaAfterCall(connector: string, auth: unknown, output: unknown): VendorQuotaReport | undefined {
  if (connector === 'hubspot') {
    const budget = dailyBudgetOf(auth as HubSpotConfig);
    if (!budget) return undefined;
    return { remaining: budget.remaining, limit: budget.limit ?? null, period: 'day', observedAt: new Date(budget.observedAt).toISOString() };
  }
  if (connector === 'salesforce') {
    const usage = (output as { apiUsage?: { used?: unknown; max?: unknown; seenAt?: unknown } } | null | undefined)?.apiUsage;
    if (!usage || typeof usage.used !== 'number' || typeof usage.max !== 'number' || typeof usage.seenAt !== 'string') return undefined;
    return { remaining: Math.max(0, usage.max - usage.used), limit: usage.max, period: '24h', observedAt: usage.seenAt };
  }
  return undefined;
}

/** Reports at most one reading per connection per interval (a used-up allowance always goes through). */
export const QUOTA_REPORT_INTERVAL_MS = 5_000;

/**
 * Whether a reading is worth an API call: at 10 calls a second, reporting each would double the
 * worker's traffic for a figure the page shows to the minute. Per worker process.
 */
export class QuotaReportThrottle {
  private readonly lastReportAt = new Map<string, number>();

  constructor(private readonly intervalMs = QUOTA_REPORT_INTERVAL_MS) {}

  shouldReport(connectionKey: string, report: VendorQuotaReport, now = Date.now()): boolean {
    const last = this.lastReportAt.get(connectionKey);
    if (report.remaining > 0 && last !== undefined && now - last < this.intervalMs) return false;
    this.lastReportAt.set(connectionKey, now);
    return true;
  }
}
