import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StoredAggregates } from './event-time/stored-aggregates';

/**
 * Per subject: the windowed event aggregates the workspace's triggers read (pruned to their longest
 * window) and when the subject was last active, overall and per watched event name (what inactivity
 * triggers read on their schedule). Written by the ingest transaction.
 */
@Entity('subject_aggregates')
export class SubjectAggregatesEntity {
  @PrimaryColumn('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @PrimaryColumn('varchar', { name: 'subject_kind', length: 16 })
  subjectKind!: 'person' | 'account';

  @PrimaryColumn('varchar', { name: 'subject_id', length: 36 })
  subjectId!: string;

  /** A SubjectAggregates (@tripline/scoring) plus `defs`, what each series tracks. Empty when no trigger needs any. */
  @Column('simple-json')
  aggregates!: StoredAggregates;

  /** The newest track event of the subject (event time). */
  @Column({ name: 'last_event_at' })
  lastEventAt!: Date;

  /** Event name → epoch ms of its newest occurrence, for the event names inactivity triggers name. */
  @Column('simple-json', { name: 'last_event_at_by_name' })
  lastEventAtByName!: Record<string, number>;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}
