import { recordActivity, type AccountActivity } from '../components/account-activity';
import { evaluateComponents } from '../components/evaluate-components';
import type { ComponentScoringModel, EventScoringModel, ScoredEvent, ScoringModel } from '../model/types';
import { matchingRules } from '../rules/match-rules';
import { applyEventInPlace, applyEventQuietly, lastApplyTrace, mayScore, type ApplyEventResult } from '../state/apply-event';
import { scoreAfterAppend, scoreAt } from '../state/score-at';
import type { ScoreState } from '../state/score-state';
import { tierOf } from '../tiers/tier-of';
import type { ScoreChange } from './types';

/**
 * The change record score and tier triggers read, tiers named by the model's tiers. `withTiers`
 * false leaves them null (a backtest whose trigger reads no tier skips the lookups).
 */
export function scoreChangeOf(model: Pick<ScoringModel, 'id' | 'tiers'>, before: number, after: number, withTiers = true): ScoreChange {
  if (!withTiers) return { model: model.id, before, after, tierBefore: null, tierAfter: null };
  return { model: model.id, before, after, tierBefore: tierOf(model, before)?.name ?? null, tierAfter: tierOf(model, after)?.name ?? null };
}

/**
 * Applies one event to a subject's state in place and reports how its score moved at the event's
 * time (before: the state read at that time without the event). Live ingest and backtests both call
 * this, so a backtest sees exactly the crossings ingest would.
 */
export function applyEventWithChange(
  model: EventScoringModel,
  state: ScoreState | undefined,
  event: ScoredEvent,
  withTiers = true,
): { result: ApplyEventResult; change: ScoreChange | null } {
  const at = event.timestamp;
  // Reading the score before costs a walk over the state: skipped when the event cannot score.
  if (!mayScore(model, state, event)) {
    const result = applyEventInPlace(model, state, event);
    if (result.outcome === 'scored') throw new Error(`internal: event ${event.messageId} scored although mayScore() said it could not`);
    return { result, change: null };
  }
  const hadEvents = state !== undefined && state.newest !== null;
  const before = scoreAt(model, state, at);
  const result = applyEventInPlace(model, state, event);
  if (result.outcome !== 'scored') return { result, change: null };
  return { result, change: scoreChangeOf(model, before, scoreAfterApply(model, result.state, at, before, hadEvents), withTiers) };
}

/** The score at `at` after the last apply, from `before` when the apply only added a new cap bucket (same bits as scoreAt). */
function scoreAfterApply(model: EventScoringModel, state: ScoreState, at: number, before: number, hadEvents: boolean): number {
  const trace = lastApplyTrace();
  return hadEvents && !trace.other && trace.appended !== null ? scoreAfterAppend(model, state, at, before, trace.appended) : scoreAt(model, state, at);
}

/** How the score moved in the last applyWithMove() that returned true. Overwritten by the next call. */
export const lastMove = { before: 0, after: 0 };

/**
 * applyEventWithChange() for callers that keep the state and only read the numbers (backtests): no
 * result or contribution records. True when the event scored, with the scores before and after it
 * (at its time) in `lastMove`, the same values applyEventWithChange() reports.
 */
export function applyWithMove(model: EventScoringModel, state: ScoreState, event: ScoredEvent): boolean {
  const at = event.timestamp;
  // Matched once for both calls (a filtered rule costs a filter evaluation); nothing between them matches again.
  const rules = matchingRules(model, event);
  if (!mayScore(model, state, event, rules)) {
    if (applyEventQuietly(model, state, event, rules) === 'scored') throw new Error(`internal: event ${event.messageId} scored although mayScore() said it could not`);
    return false;
  }
  const hadEvents = state.newest !== null;
  const before = scoreAt(model, state, at);
  if (applyEventQuietly(model, state, event, rules) !== 'scored') return false;
  lastMove.before = before;
  lastMove.after = scoreAfterApply(model, state, at, before, hadEvents);
  return true;
}

/** How a score moved between two times with no event (decay, a window passing): for score triggers on ticks. */
export function scoreChangeBetween(model: EventScoringModel, state: ScoreState | undefined, from: number, to: number): ScoreChange {
  return scoreChangeOf(model, scoreAt(model, state, from), scoreAt(model, state, to));
}

/**
 * Records one event into an account's component-model activity (in place) and reports how its score
 * moved at the event's time. The component counterpart of applyEventWithChange().
 */
export function recordActivityWithChange(
  model: ComponentScoringModel,
  activity: AccountActivity,
  traits: Record<string, unknown>,
  event: ScoredEvent,
  withTiers = true,
): ScoreChange {
  const before = evaluateComponents(model, activity, traits, event.timestamp).score;
  recordActivity(model, activity, event);
  return scoreChangeOf(model, before, evaluateComponents(model, activity, traits, event.timestamp).score, withTiers);
}
