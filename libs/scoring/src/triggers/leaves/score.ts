import type { ScoreThresholdTrigger, TierChangeTrigger } from '@tripline/playbook';
import { roundScore } from '../../state/score-at';
import { result, type Moment } from '../moment';
import type { TriggerResult } from '../types';

const shown = (score: number): string => String(roundScore(score));

/** Crossing, not being above: up fires when before < threshold ≤ after; down when before ≥ threshold > after. */
export function evaluateScoreThreshold(trigger: ScoreThresholdTrigger, moment: Moment): TriggerResult {
  const { threshold, direction, model } = trigger;
  const reached = (score: number): boolean => (direction === 'up' ? score >= threshold : score < threshold);
  const change = moment.changes.find((candidate) => candidate.model === model);
  if (change) {
    const fired = !reached(change.before) && reached(change.after);
    const sign = direction === 'up' ? '≥' : '<';
    const verb = (): string => (fired ? `crossed ${threshold} ${direction}` : reached(change.after) ? `already ${sign} ${threshold}` : `not ${sign} ${threshold}`);
    return result(moment, reached(change.after), fired, () => `score ${shown(change.before)} → ${shown(change.after)}: ${verb()} (model ${model})`);
  }
  const current = moment.input.scores?.[model];
  if (current === undefined) return result(moment, false, false, () => `no score under model ${model}`);
  return result(moment, reached(current.score), false, () => `score ${shown(current.score)} unchanged (model ${model})`);
}

/** A tier change under a model, optionally only into `to` and/or out of `from`. */
export function evaluateTierChange(trigger: TierChangeTrigger, moment: Moment): TriggerResult {
  const { model, to, from } = trigger;
  const change = moment.changes.find((candidate) => candidate.model === model);
  if (change) {
    const changed = change.tierBefore !== change.tierAfter;
    const fired = changed && (to === undefined || change.tierAfter === to) && (from === undefined || change.tierBefore === from);
    const holds = to === undefined ? fired : change.tierAfter === to;
    const text = changed ? `tier ${change.tierBefore ?? 'none'} → ${change.tierAfter ?? 'none'}` : `tier stays ${change.tierAfter ?? 'none'}`;
    return result(moment, holds, fired, () => `${text} (model ${model})`);
  }
  const current = moment.input.scores?.[model];
  if (current === undefined) return result(moment, false, false, () => `no tier under model ${model}`);
  return result(moment, to !== undefined && current.tier === to, false, () => `tier stays ${current.tier ?? 'none'} (model ${model})`);
}
