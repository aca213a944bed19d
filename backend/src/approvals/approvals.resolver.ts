import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { ApprovalRequestStatus } from '@tripline/playbook';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import type { Principal } from '../auth/principal';
import { ApprovalsService } from './approvals.service';
import { DEFAULT_APPROVALS_PER_PAGE, MAX_APPROVALS_PER_PAGE } from './dto/approval-requests.filter';
import { DecideApprovalInput } from './dto/decide-approval.input';
import { ApprovalStatusEnum } from './models/approval-enums';
import { ApprovalRequestModel } from './models/approval-request.model';

@Resolver(() => ApprovalRequestModel)
export class ApprovalsResolver {
  constructor(private readonly approvals: ApprovalsService) {}

  @Query(() => [ApprovalRequestModel], {
    description: 'Approval requests of your workspace, newest first: all of them for admins, else those you may decide',
  })
  approvalRequests(
    @CurrentPrincipal() principal: Principal,
    @Args('status', { type: () => ApprovalStatusEnum, nullable: true }) status?: ApprovalRequestStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: DEFAULT_APPROVALS_PER_PAGE, description: `At most ${MAX_APPROVALS_PER_PAGE}` })
    first?: number | null,
    @Args('after', { type: () => ID, nullable: true, description: 'The id of the last request of the previous page' }) after?: string | null,
  ): Promise<ApprovalRequestModel[]> {
    return this.approvals.list(principal, { status, first, after });
  }

  /** Viewers only read; who may decide a given request is the run's workflow's call. */
  @Roles('approver', 'editor', 'operator')
  @Mutation(() => ApprovalRequestModel, {
    description: 'Approves or rejects a pending request you are an approver of (never your own); returns it closed',
  })
  decideApproval(@CurrentPrincipal() principal: Principal, @Args('input') input: DecideApprovalInput): Promise<ApprovalRequestModel> {
    return this.approvals.decide(principal, input);
  }
}
