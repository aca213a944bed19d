import type { ApprovalCloseReason, ApprovalContextSummary, ApprovalDecision, ApprovalRequestStatus, Assignees } from '@tripline/playbook';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One visit of an approval gate in a run: what the inbox shows. Closed by the workflow only. */
@Entity('approval_requests')
export class ApprovalRequestEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  /** `<workflowId>:<stepId>:<visit>`. */
  @Column('varchar', { name: 'idempotency_key', length: 1024 })
  idempotencyKey!: string;

  @Column('varchar', { name: 'run_id', length: 36 })
  runId!: string;

  @Column('varchar', { name: 'playbook_id', length: 36 })
  playbookId!: string;

  @Column('text', { name: 'playbook_name' })
  playbookName!: string;

  @Column('integer', { name: 'playbook_version' })
  playbookVersion!: number;

  @Column('varchar', { name: 'step_id', length: 255 })
  stepId!: string;

  @Column('text', { name: 'step_label', nullable: true })
  stepLabel!: string | null;

  @Column('integer')
  visit!: number;

  @Column('varchar', { name: 'subject_kind', length: 16 })
  subjectKind!: 'person' | 'account';

  @Column('varchar', { name: 'subject_id', length: 255 })
  subjectId!: string;

  @Column('simple-json')
  summary!: ApprovalContextSummary;

  /** As the step configured them (users and roles). */
  @Column('simple-json')
  assignees!: Assignees;

  @Column('simple-json', { name: 'escalate_to', nullable: true })
  escalateTo!: Assignees | null;

  /** The publisher of the run's playbook version; never an approver. */
  @Column('varchar', { name: 'requester_id', length: 36, nullable: true })
  requesterId!: string | null;

  @Column('varchar', { length: 16 })
  status!: ApprovalRequestStatus;

  @Column({ name: 'due_at' })
  dueAt!: Date;

  @Column({ name: 'escalated_at', type: Date, nullable: true })
  escalatedAt!: Date | null;

  @Column('varchar', { length: 16, nullable: true })
  decision!: ApprovalDecision | null;

  /** A user id, or "system" (timeout, cancelled run). */
  @Column('varchar', { name: 'decided_by', length: 36, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: Date, nullable: true })
  decidedAt!: Date | null;

  @Column('text', { nullable: true })
  comment!: string | null;

  @Column('varchar', { name: 'close_reason', length: 16, nullable: true })
  closeReason!: ApprovalCloseReason | null;

  @Column({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}
