import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import type { Principal } from '../auth/principal';
import { JSONScalar } from '../graphql/scalars';
import { ConnectionTriggerBackfillModel, ConnectionTriggerModel } from './connection-trigger.model';
import { ConnectorTriggersService, type TriggerSubscriptionView } from './connector-triggers.service';
import { pollScheduleId } from './poll-schedule-ids';

/** Connector triggers per connection (admins): switch on with options, off, backfill, and see how polling goes. */
@Resolver(() => ConnectionTriggerModel)
@Roles('admin')
export class ConnectorTriggersResolver {
  constructor(private readonly service: ConnectorTriggersService) {}

  @Query(() => [ConnectionTriggerModel])
  async connectionTriggers(
    @CurrentPrincipal() principal: Principal,
    @Args('connectionId', { type: () => ID, nullable: true }) connectionId?: string | null,
  ): Promise<ConnectionTriggerModel[]> {
    return (await this.service.list(principal.workspaceId, connectionId)).map(toModel);
  }

  @Mutation(() => ConnectionTriggerModel)
  async enableConnectionTrigger(
    @CurrentPrincipal() principal: Principal,
    @Args('connectionId', { type: () => ID }) connectionId: string,
    @Args('trigger') trigger: string,
    @Args('options', { type: () => JSONScalar, nullable: true }) options?: Record<string, unknown> | null,
  ): Promise<ConnectionTriggerModel> {
    return toModel(await this.service.enable(principal.workspaceId, connectionId, trigger, options ?? {}));
  }

  @Mutation(() => ConnectionTriggerModel)
  async disableConnectionTrigger(
    @CurrentPrincipal() principal: Principal,
    @Args('connectionId', { type: () => ID }) connectionId: string,
    @Args('trigger') trigger: string,
  ): Promise<ConnectionTriggerModel> {
    return toModel(await this.service.disable(principal.workspaceId, connectionId, trigger));
  }

  @Mutation(() => ConnectionTriggerBackfillModel)
  async backfillConnectionTrigger(
    @CurrentPrincipal() principal: Principal,
    @Args('connectionId', { type: () => ID }) connectionId: string,
    @Args('trigger') trigger: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
  ): Promise<ConnectionTriggerBackfillModel> {
    return { workflowId: await this.service.backfill(principal.workspaceId, connectionId, trigger, from, to) };
  }
}

function toModel(view: TriggerSubscriptionView): ConnectionTriggerModel {
  const { subscription: s, definition } = view;
  const polling = definition.kind === 'polling';
  return {
    connectionId: s.connectionId,
    connector: view.connector,
    trigger: s.trigger,
    kind: definition.kind,
    enabled: s.enabled,
    options: s.options,
    intervalSeconds: polling ? definition.intervalSeconds : null,
    webhookPath: polling ? null : `/v1/webhooks/${s.connectionId}/${s.trigger}`,
    scheduleId: polling ? pollScheduleId(s.workspaceId, s.connectionId, s.trigger) : null,
    scheduleError: view.scheduleError,
    checkpointTime: s.checkpointTime,
    lastPollAt: s.lastPollAt,
    lastDeliveryAt: s.lastDeliveryAt,
    itemsDelivered: s.itemsDelivered,
    lastError: s.lastError,
    lastErrorAt: s.lastErrorAt,
  };
}
