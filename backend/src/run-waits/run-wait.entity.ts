import type { Filter, RunSubject } from '@tripline/playbook';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * `open`: ingest matches events against it. `matched`: an event matched and the signal is in the
 * outbox (no second event is matched). The run closes it as `received`, `timedOut` or `cancelled`.
 */
export type RunWaitStatus = 'open' | 'matched' | 'received' | 'timedOut' | 'cancelled';

/** The wait of one waitForEvent step visit, registered by the workflow (POST /internal/run-waits). */
@Entity('run_waits')
export class RunWaitEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { name: 'run_id', length: 36 })
  runId!: string;

  @Column('varchar', { name: 'workflow_id', length: 512 })
  workflowId!: string;

  /** Temporal's run id of the execution that registered it: a reset re-registers from a new one. */
  @Column('varchar', { name: 'temporal_run_id', length: 64 })
  temporalRunId!: string;

  @Column('varchar', { name: 'step_id', length: 255 })
  stepId!: string;

  @Column('integer')
  visit!: number;

  @Column('varchar', { name: 'subject_kind', length: 16 })
  subjectKind!: RunSubject['kind'];

  @Column('varchar', { name: 'subject_id', length: 255 })
  subjectId!: string;

  @Column('varchar', { name: 'event_name', length: 255 })
  eventName!: string;

  @Column('simple-json', { name: 'event_where', nullable: true })
  eventWhere!: Filter | null;

  @Column('varchar', { length: 16 })
  status!: RunWaitStatus;

  /** The event that satisfied it. */
  @Column('varchar', { name: 'message_id', length: 255, nullable: true })
  messageId!: string | null;

  /** Workflow time the step started: events that happened earlier never count. */
  @Column({ name: 'opened_at' })
  openedAt!: Date;

  /** The step's timeout: events ingested later never count. */
  @Column({ name: 'expires_at' })
  expiresAt!: Date;

  @Column({ name: 'matched_at', type: Date, nullable: true })
  matchedAt!: Date | null;

  @Column({ name: 'closed_at', type: Date, nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'created_at' })
  createdAt!: Date;
}
