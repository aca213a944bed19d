/**
 * Which scoring model a backtest of a playbook trigger scores with. runBacktest() scores one model
 * per side: the one the trigger's score leaves (scoreThreshold / tierChange) name, or, for a trigger
 * that reads no score, a placeholder nobody reads. Pure.
 */
import { triggerLeaves, type Trigger } from '@tripline/playbook';
import type { EventScoringModel, ScoringModel } from '@tripline/scoring';

/**
 * A valid model whose one rule names an event no Segment source sends (it starts with NUL): the
 * backtest needs a model, and a trigger without score leaves never reads it.
 */
export const UNSCORED_MODEL: EventScoringModel = Object.freeze({
  schemaVersion: 1,
  id: 'tripline-impact-unscored',
  version: 1,
  name: 'Not scored',
  kind: 'events',
  rules: [{ id: 'unscored', event: '\u0000tripline:impact:unscored', points: 0, weight: 0 }],
  decay: { kind: 'none' },
  rollup: 'sum',
  tiers: [{ name: 'Any', min: 0, max: 0 }],
}) as EventScoringModel;

/** Model ids a trigger's score leaves name, in order of appearance. */
export function modelsReadBy(trigger: Trigger): string[] {
  const ids: string[] = [];
  for (const leaf of triggerLeaves(trigger)) {
    if ((leaf.kind === 'scoreThreshold' || leaf.kind === 'tierChange') && !ids.includes(leaf.model)) ids.push(leaf.model);
  }
  return ids;
}

export interface ModelChoice {
  model: ScoringModel;
  /** Why part of the trigger cannot fire in the replay (else empty). */
  notes: string[];
}

/**
 * The model to replay `trigger` with: the first model its score leaves name, looked up in `models`
 * (by id: what the proposal would run with). A second model, or one not found, is named in a note:
 * the leaves reading it never fire in the replay.
 */
export function modelForTrigger(trigger: Trigger, models: ReadonlyMap<string, ScoringModel>, label: string): ModelChoice {
  const ids = modelsReadBy(trigger);
  const notes: string[] = [];
  const found = ids.filter((id) => models.has(id));
  for (const id of ids) {
    if (!models.has(id)) notes.push(`${label}: the trigger reads scoring model "${id}", which is not published: its score conditions never fire in the impact replay`);
  }
  for (const id of found.slice(1)) {
    notes.push(`${label}: the trigger reads more than one scoring model; the impact replay scores "${found[0]}" only, so conditions on "${id}" never fire`);
  }
  return { model: found.length > 0 ? models.get(found[0]!)! : UNSCORED_MODEL, notes };
}
