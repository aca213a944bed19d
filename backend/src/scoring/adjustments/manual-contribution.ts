/**
 * A manual contribution to an event model's ScoreState: points a playbook step adds by hand. It is
 * applied through the library's own applyEventInPlace, as an event that only a one-rule copy of the
 * model scores, so decay, the lateness horizon, duplicate messageIds and "why this score"
 * (topContributions) treat it exactly like an event's points. Pure.
 */
import { applyEventInPlace, scoreAt, type EventScoringModel, type ScoreState } from '@tripline/scoring';

export interface ManualContribution {
  /** Unique per adjustment: a repeat of it is a duplicate and adds nothing. */
  messageId: string;
  /** What profiles show as the "event": names the run and step. */
  reason: string;
  /** Points added (negative: taken away), before decay. */
  points: number;
  /** When it counts from, epoch ms. */
  at: number;
}

/**
 * The rule id a manual contribution is stored under. One per amount: the state keeps the latest
 * contributions per rule assuming equal points within a rule (see the library's rememberRecent).
 */
export function manualRuleId(points: number): string {
  return `manual:${points >= 0 ? '+' : ''}${points}`;
}

export interface ManualContributionResult {
  state: ScoreState;
  /** False when this messageId was already in the state (nothing changed). */
  added: boolean;
  /** The score at the state's newest event (what score_states stores). */
  scoreAtNewest: number;
  newest: number;
}

/** Adds the contribution to `state` in place (a fresh state when undefined). */
export function addManualContribution(model: EventScoringModel, state: ScoreState | undefined, contribution: ManualContribution): ManualContributionResult {
  if (!Number.isFinite(contribution.points)) throw new TypeError('a manual contribution needs a finite number of points');
  const manualOnly: EventScoringModel = {
    ...model,
    rules: [{ id: manualRuleId(contribution.points), event: contribution.reason, points: contribution.points, weight: 1 }],
  };
  const { state: updated, outcome } = applyEventInPlace(manualOnly, state, {
    messageId: contribution.messageId,
    event: contribution.reason,
    timestamp: contribution.at,
    properties: {},
  });
  const newest = updated.newest ?? contribution.at;
  return { state: updated, added: outcome === 'scored', scoreAtNewest: scoreAt(model, updated, newest), newest };
}
