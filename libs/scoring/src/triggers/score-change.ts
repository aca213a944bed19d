import { recordActivity, type AccountActivity } from '../components/account-activity';
import { evaluateComponents } from '../components/evaluate-components';
import type { ComponentScoringModel, EventScoringModel, ScoredEvent, ScoringModel } from '../model/types';
import { applyEventInPlace, type ApplyEventResult } from '../state/apply-event';
import { scoreAt } from '../state/score-at';
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
  const before = scoreAt(model, state, event.timestamp);
  const result = applyEventInPlace(model, state, event);
  if (result.outcome !== 'scored') return { result, change: null };
  return { result, change: scoreChangeOf(model, before, scoreAt(model, result.state, event.timestamp), withTiers) };
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
