import type { ConnectionBudget, VendorQuota } from '../../api/connection-budget-operations';

/** "3 in the last minute · 40 in the last hour · 512 today": calls made through a connection. */
export function formatCalls(budget: Pick<ConnectionBudget, 'callsLastMinute' | 'callsLastHour' | 'callsLastDay'>): string {
  return `${budget.callsLastMinute} last min · ${budget.callsLastHour} last hour · ${budget.callsLastDay} last 24 h`;
}

/** "80 of 1,000 left today", "14,990 of 15,000 left (rolling 24 h)": what the vendor last reported. */
export function formatVendorQuota(quota: VendorQuota): string {
  const remaining = quota.remaining.toLocaleString('en-US');
  const of = quota.limit === null ? '' : ` of ${quota.limit.toLocaleString('en-US')}`;
  const period = quota.period === 'day' ? ' today' : quota.period === '24h' ? ' (rolling 24 h)' : ` (${quota.period})`;
  return `${remaining}${of} left${period}`;
}

/** Share of the vendor's allowance left, 0–1, when it declares one (for the meter). */
export function quotaShareLeft(quota: VendorQuota): number | null {
  if (quota.limit === null || quota.limit <= 0) return null;
  return Math.max(0, Math.min(1, quota.remaining / quota.limit));
}
