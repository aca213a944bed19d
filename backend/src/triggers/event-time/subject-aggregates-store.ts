/**
 * subject_aggregates as the ingest transaction uses it: for subject kinds whose triggers read
 * aggregates or activity times, rows are loaded with one IN query per kind and rewritten with one
 * multi-row upsert; for the other kinds only last_event_at is bumped (one upsert, nothing loaded),
 * so inactivity triggers published later still know when each subject was last active.
 */
import { EntityManager } from 'typeorm';
import { bulkUpsert, selectWhereIn } from '../../ingest/bulk-sql';
import { storedEpochReader } from '../../database/stored-epoch';
import { SubjectAggregatesEntity } from '../subject-aggregates.entity';
import { emptyAggregates, type StoredAggregates } from './stored-aggregates';
import { subjectKey, type EventTimeEvaluation, type SubjectRecord } from './event-time-evaluation';
import type { SubjectKind, WorkspaceTriggers } from './workspace-triggers';

const COLUMNS = ['subject_id', 'aggregates', 'last_event_at', 'last_event_at_by_name'];

export const subjectAggregatesStore = {
  /** The stored records of the subjects of kinds kept in full, by subjectKey. */
  async load(manager: EntityManager, workspaceId: string, triggers: WorkspaceTriggers, subjects: Record<SubjectKind, Set<string>>): Promise<Map<string, SubjectRecord>> {
    const records = new Map<string, SubjectRecord>();
    const epochOf = storedEpochReader(manager, SubjectAggregatesEntity, 'lastEventAt');
    for (const kind of ['person', 'account'] as const) {
      if (!triggers.kinds[kind].full || subjects[kind].size === 0) continue;
      const rows = await selectWhereIn(manager, 'subject_aggregates', COLUMNS, workspaceId, 'subject_id', [...subjects[kind]], { subject_kind: kind });
      for (const row of rows) {
        records.set(subjectKey(kind, row.subject_id as string), {
          aggregates: JSON.parse(row.aggregates as string) as StoredAggregates,
          lastEventAt: epochOf(row.last_event_at),
          lastEventAtByName: JSON.parse(row.last_event_at_by_name as string) as Record<string, number>,
        });
      }
    }
    return records;
  },

  async save(manager: EntityManager, workspaceId: string, evaluation: EventTimeEvaluation, now: Date): Promise<void> {
    const full: SubjectAggregatesEntity[] = [];
    const touched: SubjectAggregatesEntity[] = [];
    for (const [key, newest] of evaluation.newest) {
      const separator = key.indexOf(':');
      const subjectKind = key.slice(0, separator) as SubjectKind;
      const subjectId = key.slice(separator + 1);
      const record = evaluation.records.get(key);
      if (record) {
        full.push({ workspaceId, subjectKind, subjectId, aggregates: record.aggregates, lastEventAt: new Date(record.lastEventAt ?? newest), lastEventAtByName: record.lastEventAtByName, updatedAt: now });
      } else {
        // No trigger reads this kind's aggregates: they are cleared, so a plan made later starts without gaps.
        touched.push({ workspaceId, subjectKind, subjectId, aggregates: emptyAggregates(), lastEventAt: new Date(newest), lastEventAtByName: {}, updatedAt: now });
      }
    }
    const key = ['workspaceId', 'subjectKind', 'subjectId'] as const;
    await bulkUpsert(manager, SubjectAggregatesEntity, full, key, ['aggregates', 'lastEventAt', 'lastEventAtByName', 'updatedAt']);
    await bulkUpsert(manager, SubjectAggregatesEntity, touched, key, ['aggregates', 'updatedAt'], ['lastEventAt']);
  },

  /** After persons merged: the survivor keeps its record; where it has none, the merged person's becomes its own. */
  async movePerson(manager: EntityManager, workspaceId: string, from: string, into: string): Promise<void> {
    const survivor = await manager.existsBy(SubjectAggregatesEntity, { workspaceId, subjectKind: 'person', subjectId: into });
    if (survivor) await manager.delete(SubjectAggregatesEntity, { workspaceId, subjectKind: 'person', subjectId: from });
    else await manager.update(SubjectAggregatesEntity, { workspaceId, subjectKind: 'person', subjectId: from }, { subjectId: into });
  },
};
