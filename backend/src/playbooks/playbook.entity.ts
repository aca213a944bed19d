import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A playbook being edited (`draft`) and, once published, the number of its current version. */
@Entity('playbooks')
export class PlaybookEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  /** The DSL document as the designer saved it; may be unfinished (checked at publish). */
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
