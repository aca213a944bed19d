import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import type { Principal } from '../auth/principal';
import { ConnectionBudgetsService } from './budget/connection-budgets.service';
import { ConnectionBudgetModel, ConnectionOptionModel } from './models/connection-budget.model';

/**
 * Connections as editors need them (the step panel's picker, the budgets on the connections page):
 * names, health and usage of the caller's workspace, never a config. Managing them stays admin-only.
 */
@Resolver()
@Roles('editor')
export class ConnectionBudgetsResolver {
  constructor(private readonly budgets: ConnectionBudgetsService) {}

  @Query(() => [ConnectionOptionModel], { description: "The workspace's connections, of one connector when given, for pickers" })
  connectionOptions(
    @CurrentPrincipal() principal: Principal,
    @Args('connector', { type: () => String, nullable: true }) connector?: string | null,
  ): Promise<ConnectionOptionModel[]> {
    return this.budgets.options(principal.workspaceId, connector ?? null);
  }

  @Query(() => [ConnectionBudgetModel], { description: "Each connection's rate limit, calls in the last minute/hour/day and vendor-reported quota" })
  connectionBudgets(
    @CurrentPrincipal() principal: Principal,
    @Args('connectionId', { type: () => ID, nullable: true }) connectionId?: string | null,
  ): Promise<ConnectionBudgetModel[]> {
    return this.budgets.budgets(principal.workspaceId, connectionId ?? null);
  }
}
