import type { ScoringModel } from '@tripline/scoring';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An immutable published scoring model; live scores belong to one version. (model_id, version) is unique. */
@Entity('scoring_model_versions')
export class ScoringModelVersionEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { name: 'model_id', length: 36 })
  modelId!: string;

  @Column('integer')
  version!: number;

  /** Validated at publish, with id (the model row id), version and name stamped in. */
  @Column('simple-json')
  definition!: ScoringModel;

  @Column({ name: 'published_at' })
  publishedAt!: Date;

  @Column('varchar', { name: 'published_by', length: 36, nullable: true })
  publishedBy!: string | null;
}
