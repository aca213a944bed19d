import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('workspaces')
export class WorkspaceEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('text')
  name!: string;

  @Column('varchar', { name: 'write_key_hash', length: 64 })
  writeKeyHash!: string;

  @Column({ name: 'created_at' })
  createdAt!: Date;
}
