/**
 * Subjects' current scores under the models a tick-time composite reads (e.g. "every Monday, accounts
 * in the High tier"), read from the live score tables at the tick's time with the same functions the
 * profile uses (read-scores.ts): decay applied at `now`, max/average accounts rolled up from members.
 */
import { scoreChangeOf, tierOf, type AccountActivity, type ScoreChange, type ScoreState } from '@tripline/scoring';
import { EntityManager } from 'typeorm';
import { selectWhereIn } from '../ingest/bulk-sql';
import { componentScoreNow, eventScoreNow, rolledUpScoreNow, type StoredScore } from '../scoring/profile/read-scores';
import type { PublishedScoringModel } from '../scoring/published-scoring-models.service';
import { ScoreStateEntity } from '../scoring/score-state.entity';
import { dateReader, jsonOf } from './raw-sql';

export type CurrentScores = Record<string, { score: number; tier: string | null }>;

async function storedScores(manager: EntityManager, workspaceId: string, model: PublishedScoringModel, kind: 'person' | 'account', ids: readonly string[]): Promise<Map<string, StoredScore>> {
  if (ids.length === 0) return new Map();
  const rows = await selectWhereIn(manager, 'score_states', ['subject_id', 'model_version', 'score', 'last_event_at', 'state'], workspaceId, 'subject_id', ids, {
    model_id: model.modelId,
    subject_kind: kind,
  });
  const epochOf = dateReader(manager, ScoreStateEntity, 'lastEventAt');
  const found = new Map<string, StoredScore>();
  for (const row of rows) {
    // A state of another version belongs to rules that no longer apply (as in live scoring).
    if (Number(row.model_version) !== model.version) continue;
    const subjectId = row.subject_id as string;
    found.set(subjectId, {
      subjectId,
      score: Number(row.score),
      lastEventAt: epochOf(row.last_event_at),
      state: jsonOf<ScoreState | AccountActivity>(row.state),
    });
  }
  return found;
}

async function membersOf(manager: EntityManager, workspaceId: string, accountIds: readonly string[]): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>();
  for (const row of await selectWhereIn(manager, 'account_members', ['account_id', 'person_id'], workspaceId, 'account_id', accountIds)) {
    const list = members.get(row.account_id as string) ?? [];
    list.push(row.person_id as string);
    members.set(row.account_id as string, list);
  }
  return members;
}

/** Per subject id: score and tier at `now` under each given published model (a model that cannot score the kind is left out). */
export async function currentScores(
  manager: EntityManager,
  workspaceId: string,
  kind: 'person' | 'account',
  subjects: readonly { id: string; traits: Record<string, unknown> }[],
  models: readonly PublishedScoringModel[],
  now: number,
): Promise<Map<string, CurrentScores>> {
  const scores = new Map<string, CurrentScores>(subjects.map((s) => [s.id, {}]));
  const ids = subjects.map((s) => s.id);
  for (const model of models) {
    const definition = model.definition;
    const put = (id: string, score: number) => (scores.get(id)![model.modelId] = { score, tier: tierOf(definition, score)?.name ?? null });
    if (definition.kind === 'components') {
      if (kind !== 'account') continue;
      const stored = await storedScores(manager, workspaceId, model, 'account', ids);
      for (const s of subjects) put(s.id, componentScoreNow(definition, stored.get(s.id)?.state as AccountActivity | undefined, s.traits, now).score);
    } else if (kind === 'account' && definition.rollup !== 'sum') {
      const members = await membersOf(manager, workspaceId, ids);
      const people = await storedScores(manager, workspaceId, model, 'person', [...new Set([...members.values()].flat())]);
      for (const s of subjects) put(s.id, rolledUpScoreNow(definition, (members.get(s.id) ?? []).map((person) => people.get(person)), now));
    } else {
      const stored = await storedScores(manager, workspaceId, model, kind, ids);
      for (const s of subjects) {
        const row = stored.get(s.id);
        put(s.id, row ? eventScoreNow(definition, row, now) : 0);
      }
    }
  }
  return scores;
}

/**
 * How time alone moved each subject's score under the decay models, for the tick window: from the
 * later of the previous tick and the subject's newest event (for a rolled-up account, its members'
 * newest) to now. Events before that are ingest's to judge — it evaluated score triggers at each of
 * them — so a crossing is fired by ingest or by a tick, never by both. Subjects without a state under
 * a model get no change for it.
 */
export async function timeOnlyScoreChanges(
  manager: EntityManager,
  workspaceId: string,
  kind: 'person' | 'account',
  subjects: readonly { id: string; traits: Record<string, unknown> }[],
  models: readonly PublishedScoringModel[],
  window: { previous: number; now: number },
): Promise<Map<string, ScoreChange[]>> {
  const changes = new Map<string, ScoreChange[]>(subjects.map((s) => [s.id, []]));
  const ids = subjects.map((s) => s.id);
  const since = (lastEventAt: number) => Math.min(window.now, Math.max(window.previous, lastEventAt));
  for (const model of models) {
    const definition = model.definition;
    const add = (id: string, before: number, after: number) => changes.get(id)!.push(scoreChangeOf(definition, before, after));
    if (definition.kind === 'components') {
      if (kind !== 'account') continue;
      const stored = await storedScores(manager, workspaceId, model, 'account', ids);
      for (const s of subjects) {
        const row = stored.get(s.id);
        if (!row) continue;
        const activity = row.state as AccountActivity | undefined;
        add(s.id, componentScoreNow(definition, activity, s.traits, since(row.lastEventAt)).score, componentScoreNow(definition, activity, s.traits, window.now).score);
      }
    } else if (kind === 'account' && definition.rollup !== 'sum') {
      const members = await membersOf(manager, workspaceId, ids);
      const people = await storedScores(manager, workspaceId, model, 'person', [...new Set([...members.values()].flat())]);
      for (const s of subjects) {
        const rows = (members.get(s.id) ?? []).map((person) => people.get(person));
        const newest = Math.max(...rows.map((row) => row?.lastEventAt ?? -Infinity));
        if (newest === -Infinity) continue;
        add(s.id, rolledUpScoreNow(definition, rows, since(newest)), rolledUpScoreNow(definition, rows, window.now));
      }
    } else {
      const stored = await storedScores(manager, workspaceId, model, kind, ids);
      for (const s of subjects) {
        const row = stored.get(s.id);
        if (row) add(s.id, eventScoreNow(definition, row, since(row.lastEventAt)), eventScoreNow(definition, row, window.now));
      }
    }
  }
  return changes;
}
