import { Args, ID, Query, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { badUserInput, notFound } from '../graphql/errors';
import { MAX_RUNS_PER_PAGE, RunFilterInput } from './dto/run-filter.input';
import { RunUpdates } from './run-updates';
import { RunModel } from './run.model';
import { RunsService } from './runs.service';

/** Runs are readable by every role of the workspace (operators watch them, viewers look). */
@Resolver(() => RunModel)
export class RunsResolver {
  constructor(
    private readonly service: RunsService,
    private readonly updates: RunUpdates,
  ) {}

  @Query(() => [RunModel], { description: 'Runs of your workspace, newest first' })
  runs(
    @CurrentPrincipal() principal: Principal,
    @Args('filter', { type: () => RunFilterInput, nullable: true }) filter?: RunFilterInput | null,
  ): Promise<RunModel[]> {
    const limit = filter?.limit;
    if (limit !== undefined && limit !== null && (limit < 1 || limit > MAX_RUNS_PER_PAGE)) {
      throw badUserInput(`filter.limit must be between 1 and ${MAX_RUNS_PER_PAGE} (got ${limit})`, { field: 'filter.limit' });
    }
    return this.service.list(principal.workspaceId, filter ?? {});
  }

  @Query(() => RunModel, { nullable: true })
  async run(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<RunModel> {
    const run = await this.service.findModel(principal.workspaceId, id);
    if (!run) throw notFound(`Run ${id}`);
    return run;
  }

  @Subscription(() => RunModel, {
    name: 'runUpdated',
    description: 'Every change to a run of your workspace, optionally only one run or one playbook',
    // The iterator yields the Run itself rather than { runUpdated: Run }.
    resolve: (run: RunModel) => run,
  })
  runUpdated(
    @CurrentPrincipal() principal: Principal,
    @Args('runId', { type: () => ID, nullable: true }) runId?: string | null,
    @Args('playbookId', { type: () => ID, nullable: true }) playbookId?: string | null,
  ): AsyncIterableIterator<RunModel> {
    return this.updates.subscribe(principal.workspaceId, { runId, playbookId });
  }
}
