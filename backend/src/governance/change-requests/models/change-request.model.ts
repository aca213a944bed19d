import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ChangeKind, ChangeRequestStatus, ChangeTargetKind } from '@tripline/playbook';
import { ApprovalDecisionEnum } from '../../../approvals/models/approval-enums';
import { UserModel } from '../../../auth/models/user.model';
import { JSONScalar } from '../../../graphql/scalars';
import type { ChangeDecision } from '../change-request-decision.entity';
import { ChangeKindEnum, ChangeRequestStatusEnum, ChangeTargetKindEnum } from './change-enums';

@ObjectType('ChangeRequestDecision', { description: 'One approver’s decision at one level of one attempt (history: every attempt is kept)' })
export class ChangeRequestDecisionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '1 for the first submission, + 1 per resubmit; only the current attempt’s decisions count' })
  attempt!: number;

  @Field(() => Int, { description: 'Position of the level in the request’s levels' })
  level!: number;

  @Field(() => String, { nullable: true })
  levelName!: string | null;

  @Field(() => ApprovalDecisionEnum)
  decision!: ChangeDecision;

  @Field(() => UserModel, { nullable: true })
  decidedBy!: UserModel | null;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field()
  at!: Date;
}

@ObjectType('ChangeRequestLevel', { description: 'A policy level that applies to the request, with its progress in the current attempt' })
export class ChangeRequestLevelModel {
  @Field(() => Int, { description: 'Position in the request’s levels (0 first)' })
  position!: number;

  @Field(() => Int, { description: 'The level’s index in the policy when the request was (re)submitted' })
  policyIndex!: number;

  @Field()
  name!: string;

  @Field(() => Int, { description: 'Approvals needed from distinct eligible members (never the requester)' })
  required!: number;

  @Field(() => Int, { description: 'Approvals so far in the current attempt' })
  approvals!: number;

  @Field({ description: 'waiting (a level before it is open), open, approved, rejected, or closed (the request closed before it)' })
  state!: string;

  @Field(() => JSONScalar, { description: 'The approvers as the policy names them: { roles, users }' })
  approvers!: unknown;

  @Field(() => JSONScalar, { nullable: true, description: 'Added as approvers after the level’s timeout' })
  escalateTo!: unknown;

  @Field({ description: 'Whether the escalation approvers were added' })
  escalated!: boolean;

  @Field(() => [UserModel], { description: 'Members who may decide the level now (admins included, the requester never)' })
  eligibleApprovers!: UserModel[];

  @Field()
  timeout!: string;

  @Field(() => String, { nullable: true })
  reminderEvery!: string | null;
}

@ObjectType('ChangeRequest', { description: 'A change (publish, threshold, rollback) waiting for — or past — the approvals its workspace’s policy asks for' })
export class ChangeRequestModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ChangeKindEnum)
  kind!: ChangeKind;

  @Field(() => ChangeTargetKindEnum)
  targetKind!: ChangeTargetKind;

  @Field(() => ID)
  targetId!: string;

  @Field()
  targetName!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => ChangeRequestStatusEnum)
  status!: ChangeRequestStatus;

  @Field(() => Int)
  attempt!: number;

  @Field(() => Int, { description: 'Position of the level waiting for approvals (while pending)' })
  currentLevel!: number;

  @Field(() => [ChangeRequestLevelModel])
  levels!: ChangeRequestLevelModel[];

  @Field(() => [ChangeRequestDecisionModel], { description: 'Every decision of every attempt, oldest first' })
  decisions!: ChangeRequestDecisionModel[];

  @Field({ description: 'Whether the caller may decide the current level now' })
  canDecide!: boolean;

  @Field({ description: 'Whether the caller may recall it (pending; the requester or an admin)' })
  canRecall!: boolean;

  @Field({ description: 'Whether the caller may resubmit it (recalled, rejected or expired; the requester or an admin)' })
  canResubmit!: boolean;

  @Field(() => UserModel, { nullable: true })
  requester!: UserModel | null;

  @Field()
  requestedAt!: Date;

  @Field(() => JSONScalar, { description: 'StructuredDiff: the proposal against the base version' })
  diff!: unknown;

  @Field(() => JSONScalar, { nullable: true, description: 'ChangeImpact: the backtest-based impact summary' })
  impact!: unknown;

  @Field(() => JSONScalar, { description: 'The exact document that is published when the last level approves' })
  proposed!: unknown;

  @Field(() => Int, { nullable: true, description: 'The published version the proposal is based on (null: a first publish)' })
  baseVersion!: number | null;

  @Field(() => Int, { nullable: true, description: 'The version the change became (status published)' })
  publishedVersion!: number | null;

  @Field(() => Int, { nullable: true, description: 'rollback: the version made live again' })
  rollbackToVersion!: number | null;

  @Field(() => JSONScalar, { nullable: true, description: 'changeThreshold: { path, value }' })
  threshold!: unknown;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it closed without being published (or how it was superseded / expired)' })
  closedReason!: string | null;

  @Field()
  updatedAt!: Date;

  @Field({ description: 'The changeApproval workflow of the current attempt' })
  workflowId!: string;
}
