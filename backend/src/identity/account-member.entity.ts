import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person belongs to an account (from a group call); a person may belong to several. */
@Entity('account_members')
export class AccountMemberEntity {
  @PrimaryColumn('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @PrimaryColumn('varchar', { name: 'account_id', length: 36 })
  accountId!: string;

  @PrimaryColumn('varchar', { name: 'person_id', length: 36 })
  personId!: string;

  @Column({ name: 'created_at' })
  createdAt!: Date;
}
