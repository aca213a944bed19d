/**
 * Everything a tick evaluates one page of subjects with, read from the live tables: traits (persons /
 * accounts), last activity overall and per watched event and the windowed aggregates
 * (subject_aggregates, as ingest keeps them), current scores when the trigger reads any — and the
 * evaluation context a run of the playbook starts with.
 */
import type { EvaluationContext } from '@tripline/playbook';
import { type AggregatePlan, type TickSubject } from '@tripline/scoring';
import { EntityManager } from 'typeorm';
import { selectWhereIn } from '../ingest/bulk-sql';
import type { PublishedScoringModel } from '../scoring/published-scoring-models.service';
import { fitToPlan, type StoredAggregates } from '../triggers/event-time/stored-aggregates';
import { SubjectAggregatesEntity } from '../triggers/subject-aggregates.entity';
import type { TickPlaybook } from './tick-playbooks';
import { currentScores, timeOnlyScoreChanges } from './tick-scores';
import { dateReader, jsonOf } from './raw-sql';

export interface LoadedSubject {
  tick: TickSubject;
  context: EvaluationContext;
}

type Traits = Record<string, unknown>;

interface Identity {
  person?: { id: string; userId: string | null; traits: Traits };
  account?: { id: string; groupId: string | null; traits: Traits };
}

async function accountsById(manager: EntityManager, workspaceId: string, ids: readonly string[]): Promise<Map<string, NonNullable<Identity['account']>>> {
  const rows = ids.length === 0 ? [] : await selectWhereIn(manager, 'accounts', ['id', 'group_id', 'traits'], workspaceId, 'id', ids);
  return new Map(rows.map((row) => [row.id as string, { id: row.id as string, groupId: row.group_id as string | null, traits: jsonOf<Traits>(row.traits) }]));
}

/** Each existing subject's person and/or account (a person's latest account rides along for templates). */
async function identities(manager: EntityManager, workspaceId: string, kind: 'person' | 'account', ids: readonly string[]): Promise<Map<string, Identity>> {
  if (kind === 'account') {
    const accounts = await accountsById(manager, workspaceId, ids);
    return new Map([...accounts].map(([id, account]) => [id, { account }]));
  }
  const rows = await selectWhereIn(manager, 'persons', ['id', 'user_id', 'traits', 'account_id'], workspaceId, 'id', ids);
  const accounts = await accountsById(manager, workspaceId, rows.flatMap((row) => (row.account_id ? [row.account_id as string] : [])));
  const found = new Map<string, Identity>();
  for (const row of rows) {
    const account = row.account_id ? accounts.get(row.account_id as string) : undefined;
    found.set(row.id as string, { person: { id: row.id as string, userId: row.user_id as string | null, traits: jsonOf<Traits>(row.traits) }, ...(account ? { account } : {}) });
  }
  return found;
}

interface Activity {
  lastActivityAt: number;
  lastEventAt: Record<string, number>;
  aggregates: StoredAggregates | undefined;
}

async function activities(manager: EntityManager, workspaceId: string, kind: 'person' | 'account', ids: readonly string[], withAggregates: boolean): Promise<Map<string, Activity>> {
  const columns = ['subject_id', 'last_event_at', 'last_event_at_by_name', ...(withAggregates ? ['aggregates'] : [])];
  const rows = await selectWhereIn(manager, 'subject_aggregates', columns, workspaceId, 'subject_id', ids, { subject_kind: kind });
  const epochOf = dateReader(manager, SubjectAggregatesEntity, 'lastEventAt');
  return new Map(
    rows.map((row) => [
      row.subject_id as string,
      {
        lastActivityAt: epochOf(row.last_event_at),
        lastEventAt: jsonOf<Record<string, number>>(row.last_event_at_by_name),
        aggregates: withAggregates ? jsonOf<StoredAggregates>(row.aggregates) : undefined,
      },
    ]),
  );
}

/**
 * The page's subjects that still exist (a merged person is gone), ready for dueSubjects(). `plan` is
 * the aggregates plan ingest keeps for this kind (stale series are dropped as ingest would);
 * `models` the published scoring models the trigger reads.
 */
export async function loadTickSubjects(
  manager: EntityManager,
  workspaceId: string,
  tick: TickPlaybook,
  ids: readonly string[],
  plan: AggregatePlan,
  models: readonly PublishedScoringModel[],
  window: { previous: number; now: number },
): Promise<LoadedSubject[]> {
  const now = window.now;
  const kind = tick.subject;
  const withAggregates = tick.profile.aggregateNeeds.length > 0;
  const found = await identities(manager, workspaceId, kind, ids);
  const existing = ids.filter((id) => found.has(id));
  const activity = await activities(manager, workspaceId, kind, existing, withAggregates);
  const traitsOf = (id: string): Traits => (kind === 'person' ? found.get(id)!.person!.traits : found.get(id)!.account!.traits);
  const scored = existing.map((id) => ({ id, traits: traitsOf(id) }));
  const scores = models.length === 0 ? undefined : await currentScores(manager, workspaceId, kind, scored, models, now);
  const decay = tick.decayModels.length === 0 ? undefined : await timeOnlyScoreChanges(manager, workspaceId, kind, scored, tick.decayModels, window);
  return existing.map((id) => {
    const identity = found.get(id)!;
    const active = activity.get(id);
    const tick: TickSubject = { id, traits: traitsOf(id) };
    if (active) {
      tick.lastActivityAt = active.lastActivityAt;
      tick.lastEventAt = active.lastEventAt;
    }
    // Window leaves need aggregates even for a subject never active (they count 0).
    if (withAggregates) tick.aggregates = fitToPlan(active?.aggregates, plan);
    if (scores) tick.scores = scores.get(id)!;
    if (decay) tick.scoreChanges = decay.get(id)!;
    return { tick, context: identity };
  });
}
