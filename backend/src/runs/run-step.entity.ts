import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StepKind, StepStatus } from '@tripline/playbook';

/** One execution of one node of a run (a node visited twice has two rows). */
@Entity('run_steps')
@Index('uq_run_steps_run_seq', ['runId', 'seq'], { unique: true })
export class RunStepEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { name: 'run_id', length: 36 })
  runId!: string;

  /** 1, 2, 3… per run in the order recorded: the history's order (timestamps can tie). */
  @Column('integer')
  seq!: number;

  @Column('varchar', { name: 'step_id', length: 255 })
  stepId!: string;

  @Column('varchar', { length: 32 })
  kind!: StepKind;

  @Column('varchar', { length: 16 })
  status!: StepStatus;

  @Column('varchar', { length: 255, nullable: true })
  port!: string | null;

  /** Stored with secrets already masked (see mask-secrets.ts). */
  @Column('simple-json', { nullable: true })
  input!: unknown;

  @Column('simple-json', { nullable: true })
  output!: unknown;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column({ name: 'started_at' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;
}
