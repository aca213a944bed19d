import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ApprovalDecision, ApprovalRequestStatus } from '@tripline/playbook';
import { UserModel } from '../../auth/models/user.model';
import { JSONScalar } from '../../graphql/scalars';
import { ApprovalDecisionEnum, ApprovalStatusEnum } from './approval-enums';

@ObjectType('ApprovalRequest', { description: 'A run waiting at an approval gate (or a gate that has been decided)' })
export class ApprovalRequestModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  runId!: string;

  @Field(() => ID)
  playbookId!: string;

  @Field()
  playbookName!: string;

  @Field(() => Int)
  playbookVersion!: number;

  @Field({ description: 'The gate node of the playbook' })
  stepId!: string;

  @Field(() => String, { nullable: true })
  stepLabel!: string | null;

  @Field({ description: 'Who the run is about, e.g. "ann@example.com (Ann Lee)"' })
  subject!: string;

  @Field()
  subjectKind!: string;

  @Field()
  subjectId!: string;

  @Field(() => JSONScalar, { description: 'The run context summary: subject, person, account, event (plain values)' })
  summary!: unknown;

  @Field(() => ApprovalStatusEnum)
  status!: ApprovalRequestStatus;

  @Field(() => UserModel, { nullable: true, description: 'The publisher of the playbook version the run uses; may not decide' })
  requester!: UserModel | null;

  @Field(() => JSONScalar, { description: 'The assignees as configured: { users, roles }' })
  assignees!: unknown;

  @Field(() => JSONScalar, { nullable: true, description: 'Who the request is reassigned to after the timeout' })
  escalateTo!: unknown;

  @Field(() => [UserModel], { description: 'Who may decide now (after an escalation: the escalation assignees)' })
  approvers!: UserModel[];

  @Field({ description: 'Whether the caller may decide it now' })
  canDecide!: boolean;

  @Field()
  createdAt!: Date;

  @Field({ description: 'When the current assignees’ time runs out' })
  dueAt!: Date;

  @Field(() => Date, { nullable: true })
  escalatedAt!: Date | null;

  @Field(() => ApprovalDecisionEnum, { nullable: true })
  decision!: ApprovalDecision | null;

  @Field(() => UserModel, { nullable: true, description: 'Null while pending, and when the system decided' })
  decidedBy!: UserModel | null;

  @Field({ description: 'True when no person decided: the timeout’s default outcome, or a cancelled run' })
  decidedBySystem!: boolean;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => String, { nullable: true, description: 'decision, timeout or cancelled' })
  closeReason!: string | null;
}
