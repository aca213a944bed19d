import type { Trigger } from '@tripline/playbook';
import type { ScoredEvent, ScoringModel } from '../model/types';

/** What counts as a conversion: an event (e.g. "Order Completed") or a trait value (e.g. a closed-won flag). */
export type BacktestOutcome = { kind: 'event'; event: string } | { kind: 'trait'; trait: string; equals: string | number | boolean | null };

export interface BacktestInput {
  /** Stored history, in any order (sorted by timestamp here). Events after range.to only show outcomes. */
  events: readonly ScoredEvent[];
  /** The draft model. */
  model: ScoringModel;
  /** The draft trigger. */
  trigger: Trigger;
  /** The published version, to report who newly fires and who no longer does. */
  baseline?: { model: ScoringModel; trigger: Trigger };
  /** Epoch ms, inclusive. Events before `from` build up state but fire nothing. */
  range: { from: number; to: number };
  outcome: BacktestOutcome;
  subject: 'person' | 'account';
  /** Traits known outside the events (e.g. CRM fields), by subject id; merged over the latest event traits. */
  subjectTraits?: Readonly<Record<string, Record<string, unknown>>>;
}

/** How one model + trigger did over the range. */
export interface BacktestSummary {
  /** Subjects firing on each UTC day of the range ("YYYY-MM-DD"), a subject at most once a day. */
  firesPerDay: { day: string; count: number }[];
  /** Subjects per tier at the end of the range, in the model's tier order ("none" for a score below every tier). */
  tierDistribution: { tier: string; count: number }[];
  /** Subjects that fired at least once in the range, sorted. */
  fired: string[];
  /** Fired subjects whose outcome followed (or, for traits, holds): predicted conversions. */
  truePositives: number;
  /** truePositives / fired; null when nothing fired. */
  precision: number | null;
  /** truePositives / converted; null when nobody converted. */
  recall: number | null;
  /** precision / baseRate; null when either is unknown or the base rate is 0. */
  lift: number | null;
}

export interface BacktestResult extends BacktestSummary {
  range: { from: number; to: number };
  subject: 'person' | 'account';
  /** Events applied to scores and aggregates (those up to range.to). */
  eventsProcessed: number;
  /** Subjects active in the range (an event in it) or fired in it. */
  population: number;
  /** Subjects of the population that converted (an outcome event at or after range.from, or the trait value). */
  converted: number;
  /** converted / population; null for an empty population. */
  baseRate: number | null;
  /** Draft fires the baseline does not, and the reverse (empty without a baseline). */
  newlyFiring: string[];
  noLongerFiring: string[];
  baseline?: BacktestSummary;
  /** Each subject's score under the draft at range.to, full precision (the same value live ingest holds). */
  scores: Record<string, number>;
  /** Things the caller should know (a trigger naming another model, CRM triggers with no CRM history...). */
  warnings: string[];
}
