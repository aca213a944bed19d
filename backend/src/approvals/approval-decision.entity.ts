import type { ApprovalCloseReason, ApprovalDecision } from '@tripline/playbook';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The decision that closed a request, exactly as the workflow accepted it. Append-only: rows are
 * inserted once (unique per request) and never updated or deleted.
 */
@Entity('approval_decisions')
export class ApprovalDecisionEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { name: 'request_id', length: 36 })
  requestId!: string;

  @Column('varchar', { length: 16 })
  decision!: ApprovalDecision;

  @Column('varchar', { name: 'decided_by', length: 36 })
  decidedBy!: string;

  @Column('text', { nullable: true })
  comment!: string | null;

  @Column('varchar', { length: 16 })
  reason!: ApprovalCloseReason;

  @Column({ name: 'decided_at' })
  decidedAt!: Date;

  @Column({ name: 'recorded_at' })
  recordedAt!: Date;
}
