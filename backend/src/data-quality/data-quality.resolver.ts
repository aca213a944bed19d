import { Args, GraphQLISODateTime, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { DataQualityService } from './data-quality.service';
import { SourceQualityModel } from './models/source-quality.model';

/** Readable by every role of the workspace (viewer and up), like runs. */
@Resolver(() => SourceQualityModel)
export class DataQualityResolver {
  constructor(private readonly service: DataQualityService) {}

  @Query(() => [SourceQualityModel], {
    description:
      'Data quality per source of your workspace over the UTC days from..to touch (default: today and the 6 days before), with flags for KPIs below the domain thresholds',
  })
  dataQuality(
    @CurrentPrincipal() principal: Principal,
    @Args('from', { type: () => GraphQLISODateTime, nullable: true }) from?: Date | null,
    @Args('to', { type: () => GraphQLISODateTime, nullable: true }) to?: Date | null,
    @Args('minEvents', { type: () => Int, nullable: true, description: 'Fewest events a rate needs before it can flag (default 100)' })
    minEvents?: number | null,
  ): Promise<SourceQualityModel[]> {
    return this.service.report(principal.workspaceId, { from, to, minEvents: minEvents ?? undefined });
  }
}
