import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserModel } from '../../auth/models/user.model';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import { Roles } from '../../auth/decorators/roles.decorator';
import type { Principal } from '../../auth/principal';
import { UserEntity } from '../../auth/user.entity';
import { TRIPLINE_CONFIG } from '../../config/config.module';
import { TriplineConfig } from '../../config/tripline-config';
import { JSONScalar } from '../../graphql/scalars';
import { ApprovalPolicies, type EffectivePolicy } from './approval-policies';
import { ApprovalPolicyEditor } from './approval-policy-editor';
import { ApprovalPolicyModel } from './approval-policy.model';

/** Everyone reads the workspace's approval policy; admins change it. */
@Resolver(() => ApprovalPolicyModel)
export class ApprovalPolicyResolver {
  constructor(
    @Inject(TRIPLINE_CONFIG) private readonly config: TriplineConfig,
    private readonly dataSource: DataSource,
    private readonly policies: ApprovalPolicies,
    private readonly editor: ApprovalPolicyEditor,
  ) {}

  @Query(() => ApprovalPolicyModel, { description: 'The effective approval policy: the stored one, else the built-in default' })
  async approvalPolicy(@CurrentPrincipal() principal: Principal): Promise<ApprovalPolicyModel> {
    return this.model(await this.policies.effective(principal.workspaceId));
  }

  @Roles('admin')
  @Mutation(() => ApprovalPolicyModel, {
    description: 'Stores the workspace’s approval policy (BAD_USER_INPUT listing every problem); FORBIDDEN while you have a pending change request',
  })
  async updateApprovalPolicy(@CurrentPrincipal() principal: Principal, @Args('policy', { type: () => JSONScalar }) policy: unknown): Promise<ApprovalPolicyModel> {
    return this.model(await this.editor.update(principal, policy));
  }

  private async model(effective: EffectivePolicy): Promise<ApprovalPolicyModel> {
    const user = effective.updatedBy ? await this.dataSource.manager.findOneBy(UserEntity, { id: effective.updatedBy }) : null;
    return {
      policy: effective.policy,
      isDefault: effective.isDefault,
      builtIn: this.config.defaultApprovalPolicy,
      version: effective.version,
      updatedBy: user ? UserModel.from(user) : null,
      updatedAt: effective.updatedAt,
    };
  }
}
