import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/decorators/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { ProfileModel, RankedSubjectModel, ScoreContributionModel, ScoreHistoryEntryModel, SubjectScoreModel } from '../models/profile.model';
import { SubjectKindEnum } from '../models/subject-kind.enum';
import { clampLimit, ProfilesService } from './profiles.service';

/** Readable by every role of the workspace: what an SDR needs to know why this person or account. */
@Resolver(() => ProfileModel)
export class ProfilesResolver {
  constructor(private readonly service: ProfilesService) {}

  @Query(() => ProfileModel, { description: 'A person or an account (give exactly one id) with its score under every published model, read now' })
  profile(
    @CurrentPrincipal() principal: Principal,
    @Args('personId', { type: () => ID, nullable: true }) personId?: string | null,
    @Args('accountId', { type: () => ID, nullable: true }) accountId?: string | null,
  ): Promise<ProfileModel> {
    return this.service.profile(principal.workspaceId, { personId, accountId });
  }

  @Query(() => [RankedSubjectModel], { description: 'Subjects by score now under a published model, highest first; optionally one tier' })
  rankedSubjects(
    @CurrentPrincipal() principal: Principal,
    @Args('modelId', { type: () => ID }) modelId: string,
    @Args('subjectKind', { type: () => SubjectKindEnum }) subjectKind: SubjectKindEnum,
    @Args('tier', { type: () => String, nullable: true }) tier?: string | null,
    @Args('limit', { type: () => Int, defaultValue: 50, description: 'At most 500' }) limit?: number,
  ): Promise<RankedSubjectModel[]> {
    return this.service.ranked(principal.workspaceId, modelId, subjectKind, tier, limit ?? 50);
  }
}

@Resolver(() => SubjectScoreModel)
export class SubjectScoreResolver {
  constructor(private readonly service: ProfilesService) {}

  @ResolveField(() => [ScoreContributionModel], { description: 'Event models: the events contributing most now, largest first (at most 20); empty for component models' })
  topContributions(@Parent() score: SubjectScoreModel, @Args('limit', { type: () => Int, defaultValue: 10 }) limit: number): ScoreContributionModel[] {
    return score.contributions.slice(0, clampLimit(limit));
  }

  @ResolveField(() => [ScoreHistoryEntryModel], { description: 'Scores events changed, newest first (accounts under max/average rollups have none: see README)' })
  history(@Parent() score: SubjectScoreModel, @Args('limit', { type: () => Int, defaultValue: 20 }) limit: number): Promise<ScoreHistoryEntryModel[]> {
    return this.service.history(score.workspaceId, score.model.id, score.subjectKind, score.subjectId, limit);
  }
}
