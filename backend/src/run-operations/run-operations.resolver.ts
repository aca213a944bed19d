import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import type { Principal } from '../auth/principal';
import { RunModel } from '../runs/run.model';
import { BulkRetryResultModel } from './bulk-retry-result.model';
import { BulkRetryRunsInput } from './dto/bulk-retry-runs.input';
import { RunOperationModel } from './run-operation.model';
import { RunOperationsService } from './run-operations.service';

/** Repairing runs is for operators (and admins); every role may read what was done. */
@Resolver()
export class RunOperationsResolver {
  constructor(private readonly service: RunOperationsService) {}

  @Mutation(() => RunModel, { description: 'Starts a failed or cancelled run again with the same input; steps already done are not repeated (side-effect ledger)' })
  @Roles('operator')
  retryRun(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<RunModel> {
    return this.service.retry(principal, id);
  }

  @Mutation(() => RunModel, { description: 'Cancels a pending, running or waiting run; it compensates what it did' })
  @Roles('operator')
  cancelRun(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<RunModel> {
    return this.service.cancel(principal, id);
  }

  @Mutation(() => RunModel, {
    description: 'Temporal reset: back to the start of step `toStep` (the workflow task that began it), or without it to the first workflow task',
  })
  @Roles('operator')
  resetRun(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('toStep', { type: () => String, nullable: true }) toStep?: string | null,
  ): Promise<RunModel> {
    return this.service.reset(principal, id, toStep);
  }

  @Mutation(() => [BulkRetryResultModel], { description: 'Retries every failed run of the window (e.g. an outage), with the outcome of each' })
  @Roles('operator')
  bulkRetryRuns(
    @CurrentPrincipal() principal: Principal,
    @Args('input', { type: () => BulkRetryRunsInput }) input: BulkRetryRunsInput,
  ): Promise<BulkRetryResultModel[]> {
    return this.service.bulkRetry(principal, input);
  }

  @Query(() => [RunOperationModel], { description: 'Operator actions on a run, oldest first' })
  async runOperations(@CurrentPrincipal() principal: Principal, @Args('runId', { type: () => ID }) runId: string): Promise<RunOperationModel[]> {
    return this.service.history(principal.workspaceId, runId);
  }
}
