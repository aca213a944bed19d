/**
 * Score effects as the tail shows them, from the two places they can be read. Pure.
 * - Live: the ScoreChange records live scoring returns per event inside the ingest transaction.
 * - Recent: score_history rows (the score right after each event) and the row before each, since
 *   history keeps only the score after an event.
 * Only event models count (the "live event model"): component models move once per batch
 * unless a trigger reads them, so a per-event effect would come and go with the playbooks published.
 */
import { decayedPoints, roundScore, tierOf, type EventScoringModel, type ScoreChange, type ScoringModel } from '@tripline/scoring';
import type { EventScoreEffect } from './ingested-event';

export interface TailModel {
  modelId: string;
  name: string;
  definition: ScoringModel;
}

/** The published models, by id, that have per-event effects (event models). */
export function eventModelsById(models: readonly TailModel[]): Map<string, TailModel & { definition: EventScoringModel }> {
  const byId = new Map<string, TailModel & { definition: EventScoringModel }>();
  for (const model of models) if (model.definition.kind === 'events') byId.set(model.modelId, model as TailModel & { definition: EventScoringModel });
  return byId;
}

function effect(model: TailModel, subjectKind: 'person' | 'account', subjectId: string, before: number, after: number, tierBefore: string | null, tierAfter: string | null): EventScoreEffect {
  const scoreBefore = roundScore(before);
  const scoreAfter = roundScore(after);
  return { modelId: model.modelId, modelName: model.name, subjectKind, subjectId, points: roundScore(after - before), scoreBefore, scoreAfter, tierBefore, tierAfter };
}

/** Live effects of one event: its person's changes, then its account's (history records no unchanged score, nor does this). */
export function liveScoreEffects(
  changes: { person: readonly ScoreChange[]; account: readonly ScoreChange[] },
  subjects: { personId: string | null; accountId: string | null },
  models: ReadonlyMap<string, TailModel>,
): EventScoreEffect[] {
  const effects: EventScoreEffect[] = [];
  for (const [kind, list, id] of [
    ['person', changes.person, subjects.personId],
    ['account', changes.account, subjects.accountId],
  ] as const) {
    if (id === null) continue;
    for (const change of list) {
      const model = models.get(change.model);
      if (!model || change.after === change.before) continue;
      effects.push(effect(model, kind, id, change.before, change.after, change.tierBefore, change.tierAfter));
    }
  }
  return effects;
}

/** One score_history row with the subject's row before it under the same model (null for its first). */
export interface HistoryStep {
  modelId: string;
  subjectKind: 'person' | 'account';
  subjectId: string;
  score: number;
  tier: string | null;
  at: number;
  previous: { score: number; at: number } | null;
}

/**
 * The effect a history row records. The score before is the previous row's score read at this
 * event's time: exact for half-life decay (the whole sum decays by one factor) and no decay; under
 * window decay, events that left the window between the two rows are not subtracted (history does
 * not say which they were), so the points may include that drop.
 */
export function historyScoreEffect(step: HistoryStep, model: TailModel & { definition: EventScoringModel }): EventScoreEffect {
  const decay = model.definition.decay;
  const before = step.previous === null ? 0 : decay.kind === 'window' ? step.previous.score : decayedPoints(decay, step.previous.score, step.previous.at, step.at);
  return effect(model, step.subjectKind, step.subjectId, before, step.score, tierOf(model.definition, before)?.name ?? null, step.tier);
}
