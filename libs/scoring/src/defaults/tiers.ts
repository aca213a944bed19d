import type { Tier } from '../model/types';

/**
 * The three-tier action matrix of the PQL guide (../shared/domain/001_*.txt): Low 0–40 automated
 * in-app messaging within 24 h ("monitor"), Medium 41–70 SDR outreach within 48 h ("nurture"),
 * High 71–100 AE/CS escalation within 24 h ("escalate").
 */
export const DEFAULT_TIERS: readonly Tier[] = Object.freeze([
  { name: 'Low', min: 0, max: 40, action: 'monitor', slaHours: 24 },
  { name: 'Medium', min: 41, max: 70, action: 'nurture', slaHours: 48 },
  { name: 'High', min: 71, max: 100, action: 'escalate', slaHours: 24 },
]);

/** A fresh, editable copy of DEFAULT_TIERS for a new model. */
export function defaultTiers(): Tier[] {
  return DEFAULT_TIERS.map((tier) => ({ ...tier }));
}
