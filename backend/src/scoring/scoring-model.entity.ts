import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A scoring model being edited (`draft`) and, once published, the number of its current version. */
@Entity('scoring_models')
export class ScoringModelEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  /** 'events' or 'components': the draft's kind, kept as a column for lists. */
  @Column('varchar', { length: 16 })
  kind!: string;

  /** The model document as last saved; may be unfinished (validated at publish). */
  @Column('simple-json')
  draft!: Record<string, unknown>;

  @Column('integer', { name: 'published_version', nullable: true })
  publishedVersion!: number | null;

  @Column('varchar', { name: 'created_by', length: 36, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}
