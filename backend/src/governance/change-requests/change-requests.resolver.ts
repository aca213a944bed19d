import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { ChangeRequestStatus, ChangeTargetKind } from '@tripline/playbook';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import { Roles } from '../../auth/decorators/roles.decorator';
import type { Principal } from '../../auth/principal';
import { ChangeRequestLinkOpener } from '../links/open-change-request-link';
import { ChangeDecisions } from './change-decisions.service';
import { ChangeRequestViews } from './change-request-views';
import type { ChangeRequestEntity } from './change-request.entity';
import { ChangeRequestsService, DEFAULT_REQUESTS_PER_PAGE, MAX_REQUESTS_PER_PAGE } from './change-requests.service';
import { DecideChangeRequestInput } from './dto/decide-change-request.input';
import { SubmitChangeRequestInput } from './dto/submit-change-request.input';
import { ChangeRequestStatusEnum, ChangeTargetKindEnum } from './models/change-enums';
import { ChangeRequestModel } from './models/change-request.model';

/**
 * Change requests: every role reads them; editors (and admins) submit; who decides is the policy
 * level's business (its roles or listed users, admins always, never the requester; viewers never:
 * they only read); the requester or an admin recalls and resubmits.
 */
@Resolver(() => ChangeRequestModel)
export class ChangeRequestsResolver {
  constructor(
    private readonly requests: ChangeRequestsService,
    private readonly decisions: ChangeDecisions,
    private readonly views: ChangeRequestViews,
    private readonly linkOpener: ChangeRequestLinkOpener,
  ) {}

  @Query(() => [ChangeRequestModel], { description: 'Change requests of your workspace, newest first' })
  async changeRequests(
    @CurrentPrincipal() principal: Principal,
    @Args('status', { type: () => ChangeRequestStatusEnum, nullable: true }) status?: ChangeRequestStatus | null,
    @Args('targetKind', { type: () => ChangeTargetKindEnum, nullable: true }) targetKind?: ChangeTargetKind | null,
    @Args('targetId', { type: () => ID, nullable: true }) targetId?: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: DEFAULT_REQUESTS_PER_PAGE, description: `At most ${MAX_REQUESTS_PER_PAGE}` }) first?: number | null,
    @Args('after', { type: () => ID, nullable: true, description: 'The id of the last request of the previous page' }) after?: string | null,
  ): Promise<ChangeRequestModel[]> {
    return this.views.models(principal, await this.requests.list(principal.workspaceId, { status, targetKind, targetId, first, after }));
  }

  @Query(() => ChangeRequestModel, { description: 'NOT_FOUND for an unknown id or one of another workspace' })
  async changeRequest(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<ChangeRequestModel> {
    return this.one(principal, await this.requests.find(principal.workspaceId, id));
  }

  @Query(() => ChangeRequestModel, {
    description: 'The request a signed approval link (from an approver email) points to, for the signed-in user it was made for',
  })
  async openChangeRequestLink(@CurrentPrincipal() principal: Principal, @Args('token') token: string): Promise<ChangeRequestModel> {
    return this.one(principal, await this.linkOpener.open(principal, token));
  }

  @Roles('editor')
  @Mutation(() => ChangeRequestModel, {
    description: 'Proposes a change: snapshots what would go live, its diff and impact, and the policy levels that apply; published at once when none applies',
  })
  async submitChangeRequest(@CurrentPrincipal() principal: Principal, @Args('input') input: SubmitChangeRequestInput): Promise<ChangeRequestModel> {
    return this.one(principal, await this.requests.submit(principal, input));
  }

  @Roles('approver', 'editor', 'operator')
  @Mutation(() => ChangeRequestModel, {
    description: 'Approves or rejects the current level of a pending request (an eligible approver, never the requester, once per level)',
  })
  async decideChangeRequest(@CurrentPrincipal() principal: Principal, @Args('input') input: DecideChangeRequestInput): Promise<ChangeRequestModel> {
    return this.one(principal, await this.decisions.decide(principal, input));
  }

  @Roles('editor')
  @Mutation(() => ChangeRequestModel, { description: 'Withdraws a pending request (the requester or an admin)' })
  async recallChangeRequest(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<ChangeRequestModel> {
    return this.one(principal, await this.requests.recall(principal, id));
  }

  @Roles('editor')
  @Mutation(() => ChangeRequestModel, {
    description: 'Submits a recalled, rejected or expired request again as a new attempt: re-snapshotted, every level starts over',
  })
  async resubmitChangeRequest(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<ChangeRequestModel> {
    return this.one(principal, await this.requests.resubmit(principal, id));
  }

  private async one(principal: Principal, row: ChangeRequestEntity): Promise<ChangeRequestModel> {
    const [model] = await this.views.models(principal, [row]);
    return model!;
  }
}
