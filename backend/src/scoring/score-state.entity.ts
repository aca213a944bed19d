import type { AccountActivity, ScoreState } from '@tripline/scoring';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SubjectKind = 'person' | 'account';

/**
 * The live score of one subject under one published model: a ScoreState (event models) or an
 * AccountActivity (component models), with the score and tier as of its newest event.
 */
@Entity('score_states')
export class ScoreStateEntity {
  @PrimaryColumn('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @PrimaryColumn('varchar', { name: 'model_id', length: 36 })
  modelId!: string;

  @PrimaryColumn('varchar', { name: 'subject_kind', length: 16 })
  subjectKind!: SubjectKind;

  @PrimaryColumn('varchar', { name: 'subject_id', length: 36 })
  subjectId!: string;

  /** The published version this state was built under; a state of another version counts as none. */
  @Column('integer', { name: 'model_version' })
  modelVersion!: number;

  @Column('simple-json')
  state!: ScoreState | AccountActivity;

  /** The score at last_event_at, full precision (read-time decay applies on top). */
  @Column('double precision')
  score!: number;

  @Column('varchar', { length: 100, nullable: true })
  tier!: string | null;

  @Column({ name: 'last_event_at' })
  lastEventAt!: Date;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}
