import { Field, ID, InputType } from '@nestjs/graphql';
import { MAX_APPROVAL_COMMENT_LENGTH, type ApprovalDecision } from '@tripline/playbook';
import { ApprovalDecisionEnum } from '../models/approval-enums';

@InputType('DecideApprovalInput')
export class DecideApprovalInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ApprovalDecisionEnum)
  decision!: ApprovalDecision;

  @Field(() => String, { nullable: true, description: `At most ${MAX_APPROVAL_COMMENT_LENGTH} characters` })
  comment?: string | null;
}
