import type { ScoreContext, Trigger } from '@tripline/playbook';
import { roundScore } from '../state/score-at';
import type { ScoreChange } from './types';

/** The models a trigger's score and tier leaves name, in the order they appear (composites walked). */
function scoreModelsOf(trigger: Trigger, into: string[] = []): string[] {
  if (trigger.kind === 'scoreThreshold' || trigger.kind === 'tierChange') into.push(trigger.model);
  else if (trigger.kind === 'all' || trigger.kind === 'any') for (const leaf of trigger.triggers) scoreModelsOf(leaf, into);
  return into;
}

/**
 * What a run started by `trigger` learns of the score that moved: the first of the trigger's score
 * models with a change among `changes`. Undefined when the trigger reads no score or none moved. Pure.
 */
export function scoreContextOf(trigger: Trigger, changes: readonly ScoreChange[] | undefined): ScoreContext | undefined {
  if (!changes || changes.length === 0) return undefined;
  for (const model of scoreModelsOf(trigger)) {
    const change = changes.find((c) => c.model === model);
    if (!change) continue;
    return { model, score: roundScore(change.after), previousScore: roundScore(change.before), tier: change.tierAfter, previousTier: change.tierBefore };
  }
  return undefined;
}
