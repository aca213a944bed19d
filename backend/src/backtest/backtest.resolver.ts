import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import type { Principal } from '../auth/principal';
import { BacktestService } from './backtest.service';
import { BacktestQueryInput } from './dto/backtest.input';
import { BacktestResultModel } from './models/backtest-result.model';

/** Editors (and admins) backtest drafts before they ask for approval; it reads history, writes nothing. */
@Resolver(() => BacktestResultModel)
export class BacktestResolver {
  constructor(private readonly service: BacktestService) {}

  @Roles('editor')
  @Query(() => BacktestResultModel, {
    description: "A draft scoring model and trigger replayed over the workspace's stored events in [from, to]: fires per day, tiers, who newly fires or no longer does against the published versions, precision / recall / lift against the outcome. No side effects",
  })
  backtest(@CurrentPrincipal() principal: Principal, @Args('input') input: BacktestQueryInput): Promise<BacktestResultModel> {
    return this.service.backtest(principal.workspaceId, input);
  }
}
