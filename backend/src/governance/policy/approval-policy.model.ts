import { Field, Int, ObjectType } from '@nestjs/graphql';
import { UserModel } from '../../auth/models/user.model';
import { JSONScalar } from '../../graphql/scalars';

@ObjectType('ApprovalPolicyView', { description: 'The approval policy changes of this workspace go through' })
export class ApprovalPolicyModel {
  @Field(() => JSONScalar, { description: 'ApprovalPolicy: levels (with approvers, N of M, conditions, timeouts), impact, rollbackCriteria, notifications' })
  policy!: unknown;

  @Field({ description: 'True when no policy is stored: the built-in default of this installation (TRIPLINE_DEFAULT_APPROVAL_POLICY) applies' })
  isDefault!: boolean;

  @Field({ description: 'The built-in default: "approver" (one approver approves every change) or "none" (no approval)' })
  builtIn!: string;

  @Field(() => Int, { description: 'The stored policy’s version (0 for the built-in default)' })
  version!: number;

  @Field(() => UserModel, { nullable: true })
  updatedBy!: UserModel | null;

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;
}
