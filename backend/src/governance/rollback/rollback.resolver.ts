import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import type { ChangeTargetKind } from '@tripline/playbook';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import { Roles } from '../../auth/decorators/roles.decorator';
import type { Principal } from '../../auth/principal';
import { JSONScalar } from '../../graphql/scalars';
import { ChangeTargetKindEnum } from '../change-requests/models/change-enums';
import { RollbackService } from './rollback.service';

@InputType('RollbackNowInput')
export class RollbackNowInput {
  @Field(() => ChangeTargetKindEnum)
  targetKind!: ChangeTargetKind;

  @Field(() => ID)
  targetId!: string;

  @Field(() => Int, { nullable: true, description: 'The version to make live again (default: the one before the current)' })
  toVersion?: number | null;
}

@ObjectType('ImmediateRollback', { description: 'A rollback an admin made without approvals because the policy’s rollback criterion held' })
export class ImmediateRollbackModel {
  @Field(() => ChangeTargetKindEnum)
  targetKind!: ChangeTargetKind;

  @Field(() => ID)
  targetId!: string;

  @Field(() => Int, { description: 'The new version: the earlier document published again' })
  publishedVersion!: number;

  @Field(() => Int)
  rolledBackTo!: number;

  @Field({ description: 'The criterion with its figures, e.g. "fire rate 5/h is more than 2 × 2/h (version 2), with 50 fires"' })
  explanation!: string;

  @Field(() => JSONScalar, { description: 'Fires, hours and rates of the current and previous versions, and the policy figures' })
  figures!: unknown;
}

@Resolver()
export class RollbackResolver {
  constructor(private readonly rollbacks: RollbackService) {}

  @Roles('admin')
  @Mutation(() => ImmediateRollbackModel, {
    description: 'Rolls back at once, without approvals, when the policy’s rollback criterion is met; otherwise FORBIDDEN naming the figures (submit a rollback change request instead)',
  })
  rollbackNow(@CurrentPrincipal() principal: Principal, @Args('input') input: RollbackNowInput): Promise<ImmediateRollbackModel> {
    return this.rollbacks.rollbackNow(principal, input);
  }
}
