import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RunStatus } from '@tripline/playbook';

/** One enrollment of a subject into a published playbook version: one Temporal workflow. */
@Entity('runs')
@Index('idx_runs_workspace_started', ['workspaceId', 'startedAt'])
export class RunEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { name: 'playbook_id', length: 36 })
  playbookId!: string;

  @Column('text', { name: 'playbook_name' })
  playbookName!: string;

  @Column('integer', { name: 'playbook_version' })
  playbookVersion!: number;

  /** tripline:<workspace>:<enrollment key>; unique, so a retried dispatch finds the same run. */
  @Column('varchar', { name: 'workflow_id', length: 512, unique: true })
  workflowId!: string;

  @Column('text', { name: 'enrollment_key' })
  enrollmentKey!: string;

  @Column('varchar', { name: 'subject_kind', length: 16 })
  subjectKind!: 'person' | 'account';

  @Column('varchar', { name: 'subject_id', length: 255 })
  subjectId!: string;

  @Column('varchar', { length: 16 })
  status!: RunStatus;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column({ name: 'started_at' })
  startedAt!: Date;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;
}
