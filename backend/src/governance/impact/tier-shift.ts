/**
 * How a scoring model change moves subjects between tiers: the published and the proposed model
 * replayed over the same history (runBacktest), each subject active in the window placed in a tier
 * at the window's end under each. Pure.
 */
import type { Trigger } from '@tripline/playbook';
import { runBacktest, type BacktestOutcome, type BacktestSummary, type ScoredEvent, type ScoringModel } from '@tripline/scoring';

/** A trigger no event matches: the tier replay only reads scores. */
const NEVER_FIRES: Trigger = { kind: 'event', event: '\u0000tripline:impact:never' };

export type TierRow = { tier: string; before: number; after: number };

/** Rows in the proposed model's tier order, then tiers only the published model has, "none" last. */
export function mergeTiers(after: BacktestSummary['tierDistribution'], before: BacktestSummary['tierDistribution'] | null): TierRow[] {
  const rows = new Map<string, TierRow>();
  const row = (tier: string): TierRow => {
    let found = rows.get(tier);
    if (found === undefined) rows.set(tier, (found = { tier, before: 0, after: 0 }));
    return found;
  };
  for (const { tier, count } of after) if (tier !== 'none') row(tier).after = count;
  for (const { tier, count } of before ?? []) if (tier !== 'none') row(tier).before = count;
  const none = { tier: 'none', before: before?.find((r) => r.tier === 'none')?.count ?? 0, after: after.find((r) => r.tier === 'none')?.count ?? 0 };
  const list = [...rows.values()];
  return none.before > 0 || none.after > 0 ? [...list, none] : list;
}

/** Which subjects a model's tiers are counted over: accounts for component models, else persons. */
export function tierSubjectOf(after: ScoringModel, before: ScoringModel | null): 'person' | 'account' {
  return after.kind === 'components' || before?.kind === 'components' ? 'account' : 'person';
}

/**
 * Subjects per tier before → after, over the subjects active in [from, to]. A first publish (no
 * published model) counts 0 everywhere on the before side.
 */
export function tierShift(
  events: readonly ScoredEvent[],
  range: { from: number; to: number },
  outcome: BacktestOutcome,
  before: ScoringModel | null,
  after: ScoringModel,
): { subject: 'person' | 'account'; tiers: TierRow[] } {
  const subject = tierSubjectOf(after, before);
  const result = runBacktest({
    events,
    model: after,
    trigger: NEVER_FIRES,
    range,
    outcome,
    subject,
    ...(before ? { baseline: { model: before, trigger: NEVER_FIRES } } : {}),
  });
  return { subject, tiers: mergeTiers(result.tierDistribution, result.baseline?.tierDistribution ?? null) };
}
