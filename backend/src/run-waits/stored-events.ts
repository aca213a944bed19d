import type { RunSubject } from '@tripline/playbook';
import { EntityManager } from 'typeorm';
import { AccountEntity } from '../identity/account.entity';
import { PersonEntity } from '../identity/person.entity';
import { findWhereIn } from '../ingest/bulk-sql';
import { EventEntity } from '../ingest/event.entity';
import type { TrackedEvent } from '../triggers/match-triggers';

/** How many stored candidates a registration looks at (it covers seconds of history, rarely more than one). */
const CATCH_UP_LIMIT = 500;

export interface StoredEventsQuery {
  workspaceId: string;
  subject: RunSubject;
  eventName: string;
  /** Happened at or after (event time). */
  since: Date;
  /** Ingested at or before. */
  receivedBy: Date;
}

/**
 * The subject's stored track events of one name since the wait's start, oldest first, as ingest
 * would have seen them (person and account as stored now). Uses idx_events_workspace_person_time
 * for a person and idx_events_workspace_event_time for an account.
 */
export async function storedTrackEvents(manager: EntityManager, query: StoredEventsQuery): Promise<TrackedEvent[]> {
  const { workspaceId, subject } = query;
  const builder = manager
    .getRepository(EventEntity)
    .createQueryBuilder('e')
    .where('e.workspaceId = :workspaceId AND e.type = :type AND e.event = :name', { workspaceId, type: 'track', name: query.eventName })
    .andWhere('e.timestamp >= :since AND e.receivedAt <= :receivedBy', { since: query.since, receivedBy: query.receivedBy });
  if (subject.kind === 'person') {
    builder.andWhere('e.personId = :subjectId', { subjectId: subject.id });
  } else {
    builder
      .innerJoin(PersonEntity, 'p', 'p.id = e.personId AND p.workspaceId = e.workspaceId')
      .andWhere('p.accountId = :subjectId', { subjectId: subject.id });
  }
  const events = await builder.orderBy('e.timestamp', 'ASC').addOrderBy('e.id', 'ASC').limit(CATCH_UP_LIMIT).getMany();
  if (events.length === 0) return [];

  const persons = new Map(
    (await findWhereIn(manager, PersonEntity, workspaceId, 'id', events.map((e) => e.personId!))).map((person) => [person.id, person]),
  );
  const accountIds = [...new Set([...persons.values()].map((person) => person.accountId).filter((id): id is string => id !== null))];
  const accounts = new Map((await findWhereIn(manager, AccountEntity, workspaceId, 'id', accountIds)).map((account) => [account.id, account]));
  return events.flatMap((event): TrackedEvent[] => {
    const person = persons.get(event.personId!);
    if (!person) return [];
    const account = person.accountId ? accounts.get(person.accountId) : undefined;
    return [
      {
        messageId: event.messageId,
        event: event.event!,
        timestamp: event.timestamp,
        properties: event.properties,
        person: { id: person.id, userId: person.userId, traits: person.traits },
        ...(account ? { account: { id: account.id, groupId: account.groupId, traits: account.traits } } : {}),
      },
    ];
  });
}
