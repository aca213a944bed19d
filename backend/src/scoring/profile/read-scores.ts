/**
 * Scores as read now: decay and windows applied at read time (the stored score is the one at the
 * subject's newest event), accounts under max/average rolled up from their members. Pure.
 */
import {
  decayedPoints,
  evaluateComponents,
  rollupAccountScore,
  roundScore,
  scoreAt,
  topContributions,
  type AccountActivity,
  type ComponentResult,
  type ComponentScoringModel,
  type EventScoringModel,
  type ScoreState,
  type TopContribution,
} from '@tripline/scoring';

/** A score_states row as the read side needs it; `state` only when the score cannot be derived without it. */
export interface StoredScore {
  subjectId: string;
  score: number;
  lastEventAt: number;
  state?: ScoreState | AccountActivity;
}

/** Whether an event model's score now follows from the stored score alone (no decay, or a half-life: one factor for every point). */
export function derivableFromScore(model: EventScoringModel): boolean {
  return model.decay.kind !== 'window';
}

/** An event-model subject's score at `now`. Needs `state` under window decay. */
export function eventScoreNow(model: EventScoringModel, row: StoredScore, now: number): number {
  if (!derivableFromScore(model)) return scoreAt(model, row.state as ScoreState | undefined, now);
  // A half-life decays every point by the same 2^(−Δt/h), so the score at the newest event decays as one.
  return decayedPoints(model.decay, row.score, row.lastEventAt, Math.max(now, row.lastEventAt));
}

/** An account's score under max/average from its members' scores now (members without a state score 0). */
export function rolledUpScoreNow(model: EventScoringModel, memberRows: readonly (StoredScore | undefined)[], now: number): number {
  return rollupAccountScore(model, memberRows.map((row) => (row ? eventScoreNow(model, row, now) : 0)));
}

/** "Why this score" across several states (an account's members): the largest contributions now. */
export function topContributionsOf(model: EventScoringModel, states: readonly (ScoreState | undefined)[], now: number, n: number): TopContribution[] {
  const all = states.flatMap((state) => topContributions(model, state, now, n));
  all.sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || b.timestamp - a.timestamp || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0));
  return all.slice(0, n);
}

export function componentScoreNow(model: ComponentScoringModel, activity: AccountActivity | undefined, traits: Record<string, unknown>, now: number): { score: number; components: ComponentResult[] } {
  const { score, components } = evaluateComponents(model, activity, traits, now);
  return { score, components };
}

/** Two decimals, as scores are shown. */
export const shown = roundScore;
