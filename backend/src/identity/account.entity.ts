import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An account: one Segment group (company, organisation, team). */
@Entity('accounts')
export class AccountEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { name: 'group_id', length: 255 })
  groupId!: string;

  @Column('simple-json')
  traits!: Record<string, unknown>;

  @Column({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}
