import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type RunOperationAction = 'retry' | 'cancel' | 'reset';
export type RunOperationOutcome = 'ok' | 'failed';

/**
 * One operator action on a run, append-only: rows are inserted, never updated or deleted (the
 * hash-chained audit log of a later issue can take them over). A refused or failed action is
 * recorded too, with its error.
 */
@Entity('run_operations')
@Index('idx_run_operations_run', ['workspaceId', 'runId', 'createdAt'])
export class RunOperationEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { name: 'run_id', length: 36 })
  runId!: string;

  @Column('varchar', { length: 16 })
  action!: RunOperationAction;

  @Column('varchar', { name: 'actor_user_id', length: 36 })
  actorUserId!: string;

  @Column('varchar', { length: 16 })
  outcome!: RunOperationOutcome;

  /** What the action did: e.g. { temporalRunId, toStep, resetEventId, bulk }. */
  @Column('simple-json', { nullable: true })
  detail!: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column({ name: 'created_at' })
  createdAt!: Date;
}
