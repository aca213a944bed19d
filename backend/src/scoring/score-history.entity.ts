import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SubjectKind } from './score-state.entity';

/** A score an event changed: for trend charts and "score dropped" triggers. */
@Entity('score_history')
export class ScoreHistoryEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { name: 'model_id', length: 36 })
  modelId!: string;

  @Column('varchar', { name: 'subject_kind', length: 16 })
  subjectKind!: SubjectKind;

  @Column('varchar', { name: 'subject_id', length: 36 })
  subjectId!: string;

  /** The score right after the event, at the event's time (full precision). */
  @Column('double precision')
  score!: number;

  @Column('varchar', { length: 100, nullable: true })
  tier!: string | null;

  /** Event time. */
  @Column()
  at!: Date;

  @Column('varchar', { name: 'message_id', length: 255 })
  messageId!: string;
}
