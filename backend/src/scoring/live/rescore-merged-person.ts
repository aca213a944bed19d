/**
 * Two persons merged (identity stitching) and both had a state under an event model: the survivor's
 * state is rebuilt from all its track events — its own and the merged person's, already moved to it —
 * in time order, so it is the state ingest would have built had the two always been one person. Runs
 * only for such merges (the common "anonymous visitor signs in" case moves a state and needs none),
 * inside the ingest transaction, before the batch's own events are applied. Rule filters read the
 * survivor's traits (and its account's) as they are now.
 */
import { applyEventInPlace, scoreAt, tierOf, type EventScoringModel, type ScoredEvent, type ScoreState } from '@tripline/scoring';
import { EntityManager } from 'typeorm';
import { bulkUpsert } from '../../ingest/bulk-sql';
import { EventEntity } from '../../ingest/event.entity';
import { AccountEntity } from '../../identity/account.entity';
import { PersonEntity } from '../../identity/person.entity';
import type { PublishedScoringModel } from '../published-scoring-models.service';
import { ScoreStateEntity } from '../score-state.entity';

async function scoredEventsOf(manager: EntityManager, workspaceId: string, personId: string): Promise<ScoredEvent[]> {
  const person = await manager.findOne(PersonEntity, { where: { workspaceId, id: personId } });
  if (!person) return [];
  const account = person.accountId ? await manager.findOne(AccountEntity, { where: { workspaceId, id: person.accountId } }) : null;
  const events = await manager.find(EventEntity, {
    select: { messageId: true, event: true, timestamp: true, properties: true },
    where: { workspaceId, personId, type: 'track' },
    order: { timestamp: 'ASC', messageId: 'ASC' },
  });
  return events.map((e) => ({
    messageId: e.messageId,
    event: e.event!,
    timestamp: e.timestamp.getTime(),
    properties: e.properties,
    person: { id: person.id, traits: person.traits },
    ...(account ? { account: { id: account.id, traits: account.traits } } : {}),
  }));
}

export async function rescoreMergedPerson(manager: EntityManager, workspaceId: string, personId: string, models: readonly PublishedScoringModel[], now: Date): Promise<void> {
  const eventModels = models.filter((m): m is PublishedScoringModel & { definition: EventScoringModel } => m.definition.kind === 'events');
  if (eventModels.length === 0) return;
  const events = await scoredEventsOf(manager, workspaceId, personId);
  const rows: ScoreStateEntity[] = [];
  for (const model of eventModels) {
    let state: ScoreState | undefined;
    for (const event of events) state = applyEventInPlace(model.definition, state, event).state;
    if (state?.newest === undefined || state.newest === null) continue;
    const score = scoreAt(model.definition, state, state.newest);
    rows.push({
      workspaceId,
      modelId: model.modelId,
      subjectKind: 'person',
      subjectId: personId,
      modelVersion: model.version,
      state,
      score,
      tier: tierOf(model.definition, score)?.name ?? null,
      lastEventAt: new Date(state.newest),
      updatedAt: now,
    });
  }
  await bulkUpsert(manager, ScoreStateEntity, rows, ['workspaceId', 'modelId', 'subjectKind', 'subjectId'], ['modelVersion', 'state', 'score', 'tier', 'lastEventAt', 'updatedAt']);
}
