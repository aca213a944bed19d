import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user who may decide a request now; the rows of a request are replaced when it is escalated. */
@Entity('approval_request_approvers')
export class ApprovalRequestApproverEntity {
  @PrimaryColumn('varchar', { name: 'request_id', length: 36 })
  requestId!: string;

  @PrimaryColumn('varchar', { name: 'user_id', length: 36 })
  userId!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;
}
