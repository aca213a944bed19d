import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import type { Principal } from '../auth/principal';
import { JSONScalar } from '../graphql/scalars';
import { CreateScoringModelInput } from './dto/create-scoring-model.input';
import { UpdateScoringModelDraftInput } from './dto/update-scoring-model-draft.input';
import { ScoringModelValidationModel } from './models/scoring-model-validation.model';
import { ScoringModelVersionModel } from './models/scoring-model-version.model';
import { ScoringModelModel } from './models/scoring-model.model';
import { ScoringModelsService } from './scoring-models.service';

/** Like playbooks: every role reads scoring models; editors (and admins) write and publish them. */
@Resolver(() => ScoringModelModel)
export class ScoringModelsResolver {
  constructor(private readonly service: ScoringModelsService) {}

  @Query(() => [ScoringModelModel], { description: 'Most recently changed first' })
  async scoringModels(@CurrentPrincipal() principal: Principal): Promise<ScoringModelModel[]> {
    return (await this.service.list(principal.workspaceId)).map(ScoringModelModel.from);
  }

  @Query(() => ScoringModelModel, { nullable: true, description: 'NOT_FOUND for an unknown id or one of another workspace' })
  async scoringModel(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<ScoringModelModel> {
    return ScoringModelModel.from(await this.service.get(principal.workspaceId, id));
  }

  @Query(() => [ScoringModelVersionModel], { description: 'Newest first; NOT_FOUND for an unknown model' })
  async scoringModelVersions(@CurrentPrincipal() principal: Principal, @Args('modelId', { type: () => ID }) modelId: string): Promise<ScoringModelVersionModel[]> {
    await this.service.get(principal.workspaceId, modelId);
    return (await this.service.versions(principal.workspaceId, modelId)).map(ScoringModelVersionModel.from);
  }

  @Query(() => ScoringModelValidationModel, { description: 'Every problem of a scoring model document, each naming its field' })
  validateScoringModel(@Args('definition', { type: () => JSONScalar }) definition: unknown): ScoringModelValidationModel {
    const result = this.service.validate(definition);
    return { ok: result.ok, problems: result.problems.map((p) => ({ code: p.code, message: p.message, path: p.path?.map(String) })) };
  }

  @Roles('editor')
  @Mutation(() => ScoringModelModel)
  async createScoringModel(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateScoringModelInput): Promise<ScoringModelModel> {
    return ScoringModelModel.from(await this.service.create(principal, input));
  }

  @Roles('editor')
  @Mutation(() => ScoringModelModel)
  async updateScoringModelDraft(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateScoringModelDraftInput,
  ): Promise<ScoringModelModel> {
    return ScoringModelModel.from(await this.service.updateDraft(principal, id, input));
  }

  @Roles('editor')
  @Mutation(() => ScoringModelVersionModel, { description: 'Publishes the draft as the next version; it must validate. Live scores of the new version start fresh' })
  async publishScoringModel(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<ScoringModelVersionModel> {
    return ScoringModelVersionModel.from(await this.service.publish(principal, id));
  }

  @ResolveField(() => [ScoringModelVersionModel], { description: 'Newest first' })
  async versions(@Parent() model: ScoringModelModel): Promise<ScoringModelVersionModel[]> {
    return (await this.service.versions(model.workspaceId, model.id)).map(ScoringModelVersionModel.from);
  }
}
