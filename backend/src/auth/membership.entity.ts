import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from './principal';

/** A user's role in one workspace; (user_id, workspace_id) is unique. */
@Entity('memberships')
export class MembershipEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { name: 'user_id', length: 36 })
  userId!: string;

  @Column('varchar', { length: 20 })
  role!: Role;

  @Column({ name: 'created_at' })
  createdAt!: Date;
}
