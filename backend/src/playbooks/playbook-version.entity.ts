import type { Playbook } from '@tripline/playbook';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An immutable published snapshot; runs start from one and keep it. (playbook_id, version) is unique. */
@Entity('playbook_versions')
export class PlaybookVersionEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { name: 'playbook_id', length: 36 })
  playbookId!: string;

  @Column('integer')
  version!: number;

  /** Validated at publish, with id, version and name stamped in. */
  @Column('simple-json')
  definition!: Playbook;

  @Column({ name: 'published_at' })
  publishedAt!: Date;

  @Column('varchar', { name: 'published_by', length: 36, nullable: true })
  publishedBy!: string | null;
}
