import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import type { Principal } from '../auth/principal';
import { JSONScalar } from '../graphql/scalars';
import { CreatePlaybookInput } from './dto/create-playbook.input';
import { UpdatePlaybookDraftInput } from './dto/update-playbook-draft.input';
import { PlaybookVersionModel } from './models/playbook-version.model';
import { PlaybookModel } from './models/playbook.model';
import { ValidationResultModel } from './models/validation-result.model';
import { PlaybooksService } from './playbooks.service';
import { PlaybookActivityService } from './activity/playbook-activity.service';

/** Every role reads playbooks; editors (and admins) write and publish them. */
@Resolver(() => PlaybookModel)
export class PlaybooksResolver {
  constructor(
    private readonly service: PlaybooksService,
    private readonly activity: PlaybookActivityService,
  ) {}

  @Query(() => [PlaybookModel], { description: 'Newest first; `search` matches the name, ignoring case' })
  async playbooks(
    @CurrentPrincipal() principal: Principal,
    @Args('search', { type: () => String, nullable: true }) search?: string | null,
  ): Promise<PlaybookModel[]> {
    const playbooks = (await this.service.list(principal.workspaceId, search)).map(PlaybookModel.from);
    const activity = await this.activity.activityOf(principal.workspaceId, playbooks.map((p) => p.id));
    for (const playbook of playbooks) playbook.activity = activity.get(playbook.id);
    return playbooks;
  }

  @Query(() => PlaybookModel, { nullable: true, description: 'NOT_FOUND for an unknown id or one of another workspace' })
  async playbook(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<PlaybookModel> {
    return PlaybookModel.from(await this.service.get(principal.workspaceId, id));
  }

  @Query(() => ValidationResultModel, { description: 'Every problem of a playbook document, each with the node or edge it concerns' })
  validatePlaybook(@Args('definition', { type: () => JSONScalar }) definition: unknown): ValidationResultModel {
    const result = this.service.validate(definition);
    return { ok: result.ok, problems: result.problems.map((p) => ({ ...p, path: p.path?.map(String) })) };
  }

  @Roles('editor')
  @Mutation(() => PlaybookModel)
  async createPlaybook(@CurrentPrincipal() principal: Principal, @Args('input') input: CreatePlaybookInput): Promise<PlaybookModel> {
    return PlaybookModel.from(await this.service.create(principal, input));
  }

  @Roles('editor')
  @Mutation(() => PlaybookModel)
  async updatePlaybookDraft(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdatePlaybookDraftInput,
  ): Promise<PlaybookModel> {
    return PlaybookModel.from(await this.service.updateDraft(principal, id, input));
  }

  @Roles('editor')
  @Mutation(() => PlaybookVersionModel, { description: 'Publishes the draft as the next version; it must validate' })
  async publishPlaybook(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<PlaybookVersionModel> {
    return PlaybookVersionModel.from(await this.service.publish(principal, id));
  }

  @ResolveField(() => [PlaybookVersionModel], { description: 'Newest first' })
  async versions(@Parent() playbook: PlaybookModel): Promise<PlaybookVersionModel[]> {
    return (await this.service.versions(playbook.workspaceId, playbook.id)).map(PlaybookVersionModel.from);
  }
}
