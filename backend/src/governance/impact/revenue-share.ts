/**
 * Revenue weighting of an impact: how much of the workspace's pipeline the accounts a change
 * affects hold, by the accounts' revenue trait (policy.impact.revenueTrait). Pure.
 */
import { readPropertyPath } from '@tripline/playbook';

/**
 * A revenue trait's value as a number: a finite number, or a string holding one ("12000",
 * " 4800.5 "); anything else — missing, empty, text, negative — counts as 0.
 */
export function revenueValue(raw: unknown): number {
  let value: number;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string' && raw.trim() !== '') value = Number(raw.trim());
  else return 0;
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** An account's revenue: the trait read as a (possibly dotted) path of its traits. */
export function accountRevenue(traits: Record<string, unknown>, trait: string): number {
  return revenueValue(readPropertyPath(traits, trait));
}

export interface RevenueShare {
  /** 0–100: the affected accounts' revenue over all accounts' revenue (0 when that total is 0). */
  share: number;
  /** The affected accounts' revenue. */
  value: number;
  notes: string[];
}

/** Four decimals: policy levels compare the share with thresholds like 5 %, so float noise must not decide. */
const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * Σ revenue of `affected` accounts / Σ revenue of all the workspace's accounts (`revenueByAccount`
 * holds every account; an affected id missing from it counts 0).
 */
export function revenueShare(affected: ReadonlySet<string>, revenueByAccount: ReadonlyMap<string, number>, trait: string): RevenueShare {
  let totalRevenue = 0;
  for (const revenue of revenueByAccount.values()) totalRevenue += revenue;
  let value = 0;
  for (const id of affected) value += revenueByAccount.get(id) ?? 0;
  const notes: string[] = [];
  if (revenueByAccount.size === 0) notes.push('the workspace has no accounts: revenue share affected is 0');
  else if (totalRevenue === 0) notes.push(`no account has a revenue value in trait "${trait}" (numbers or numeric strings): revenue share affected is 0`);
  return { share: totalRevenue > 0 ? round4((100 * value) / totalRevenue) : 0, value: round4(value), notes };
}
