import type { ApprovalPolicy } from '@tripline/playbook';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A workspace's stored approval policy; without a row the built-in default applies (config). */
@Entity('approval_policies')
export class ApprovalPolicyEntity {
  @PrimaryColumn('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  /** As parseApprovalPolicy() returned it: defaults filled in. */
  @Column('simple-json')
  policy!: ApprovalPolicy;

  @Column('varchar', { name: 'updated_by', length: 36, nullable: true })
  updatedBy!: string | null;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;

  /** 1 for the first stored policy, + 1 on every update. */
  @Column('integer')
  version!: number;
}
