/**
 * score_states and score_history as the ingest transaction uses them: states loaded with one IN query
 * per model and subject kind, written back with one multi-row upsert, history with one multi-row
 * insert — a handful of statements per batch, never one per event.
 */
import { EntityManager } from 'typeorm';
import { bulkInsert, bulkUpsert, selectWhereIn } from '../../ingest/bulk-sql';
import { ScoreHistoryEntity } from '../score-history.entity';
import { ScoreStateEntity, type SubjectKind } from '../score-state.entity';
import type { ModelBatchResult } from './batch-scorer';
import type { LiveState } from './model-scorers';
import { storedEpochReader } from '../../database/stored-epoch';
import { timeOrderedId } from '../../database/time-ordered-id';

export interface LoadedState {
  subjectId: string;
  modelVersion: number;
  state: LiveState;
  score: number;
  lastEventAt: number;
}

export const scoreStateStore = {
  async load(manager: EntityManager, workspaceId: string, modelId: string, kind: SubjectKind, subjectIds: readonly string[]): Promise<LoadedState[]> {
    const rows = await selectWhereIn(manager, 'score_states', ['subject_id', 'model_version', 'state', 'score', 'last_event_at'], workspaceId, 'subject_id', subjectIds, {
      model_id: modelId,
      subject_kind: kind,
    });
    const epochOf = storedEpochReader(manager, ScoreStateEntity, 'lastEventAt');
    return rows.map((row) => ({
      subjectId: row.subject_id as string,
      modelVersion: Number(row.model_version),
      state: JSON.parse(row.state as string) as LiveState,
      score: Number(row.score),
      lastEventAt: epochOf(row.last_event_at),
    }));
  },

  /** Upserts every changed state (one statement per slice) and appends the score moves to history. */
  async save(manager: EntityManager, workspaceId: string, results: readonly ModelBatchResult[], now: Date): Promise<void> {
    const states: ScoreStateEntity[] = [];
    const history: ScoreHistoryEntity[] = [];
    for (const { model, states: changed, moves } of results) {
      for (const s of changed) {
        states.push({
          workspaceId,
          modelId: model.modelId,
          subjectKind: s.subjectKind,
          subjectId: s.subjectId,
          modelVersion: model.version,
          state: s.state,
          score: s.score,
          tier: s.tier,
          lastEventAt: new Date(s.lastEventAt),
          updatedAt: now,
        });
      }
      for (const m of moves) {
        history.push({
          id: timeOrderedId(),
          workspaceId,
          modelId: model.modelId,
          subjectKind: m.subjectKind,
          subjectId: m.subjectId,
          score: m.score,
          tier: m.tier,
          at: new Date(m.at),
          messageId: m.messageId,
        });
      }
    }
    await bulkUpsert(manager, ScoreStateEntity, states, ['workspaceId', 'modelId', 'subjectKind', 'subjectId'], [
      'modelVersion',
      'state',
      'score',
      'tier',
      'lastEventAt',
      'updatedAt',
    ]);
    await bulkInsert(manager, ScoreHistoryEntity, history);
  },

  /**
   * After persons merged: the survivor keeps its own state under each model; where it has none, the
   * merged person's state becomes its state. (Two states are not combined: see README.) History moves.
   */
  async movePerson(manager: EntityManager, workspaceId: string, from: string, into: string): Promise<void> {
    const d = manager.connection.driver;
    const postgres = manager.connection.options.type === 'postgres';
    const p = (n: number) => (postgres ? `$${n}` : '?');
    const table = d.escape('score_states');
    const [ws, kind, subject, model] = ['workspace_id', 'subject_kind', 'subject_id', 'model_id'].map((c) => d.escape(c));
    await manager.query(
      `DELETE FROM ${table} WHERE ${ws} = ${p(1)} AND ${kind} = 'person' AND ${subject} = ${p(2)} AND ${model} IN ` +
        `(SELECT ${model} FROM ${table} WHERE ${ws} = ${p(3)} AND ${kind} = 'person' AND ${subject} = ${p(4)})`,
      [workspaceId, from, workspaceId, into],
    );
    await manager.update(ScoreStateEntity, { workspaceId, subjectKind: 'person', subjectId: from }, { subjectId: into });
    await manager.update(ScoreHistoryEntity, { workspaceId, subjectKind: 'person', subjectId: from }, { subjectId: into });
  },
};
