import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ApprovalDecisionEnum } from '../../../approvals/models/approval-enums';
import type { ChangeDecision } from '../change-request-decision.entity';
import { MAX_COMMENT_LENGTH } from './submit-change-request.input';

@InputType('DecideChangeRequestInput')
export class DecideChangeRequestInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ApprovalDecisionEnum)
  decision!: ChangeDecision;

  @Field(() => String, { nullable: true, description: `At most ${MAX_COMMENT_LENGTH} characters` })
  comment?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The attempt the decision is about (what the approver reviewed): refused when the request was resubmitted since',
  })
  attempt?: number | null;
}
