import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputError, isConnectorError, parseConnectionConfig, type ConnectorRegistry, type WebhookRequest, type WebhookTriggerDefinition } from '@tripline/connector-sdk';
import { ConnectionsService } from '../connections/connections.service';
import { CONNECTOR_REGISTRY } from '../connectors-registry';
import { ConnectorTriggersService } from '../connector-triggers/connector-triggers.service';
import { TriggerDeliveryService, type DeliveryResult } from '../connector-triggers/trigger-delivery.service';
import { WebhookError } from './webhook-error';

/**
 * A vendor's webhook call for one connection's trigger: no write key — the connector's `verify`
 * checks the vendor's signature with the connection's (decrypted) secret — then `parse` and the same
 * delivery as polling (without a checkpoint). Replays dedupe by item id downstream.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(CONNECTOR_REGISTRY) private readonly registry: ConnectorRegistry,
    private readonly connections: ConnectionsService,
    private readonly triggers: ConnectorTriggersService,
    private readonly delivery: TriggerDeliveryService,
  ) {}

  async receive(connectionId: string, triggerName: string, request: WebhookRequest): Promise<DeliveryResult> {
    const connection = await this.connections.resolveForWebhook(connectionId);
    if (!connection) throw new WebhookError(404, `Unknown connection ${connectionId}: check the webhook URL`);
    const connector = this.registry.list().find((c) => c.name === connection.connector);
    const trigger = connector?.triggers?.find((t): t is WebhookTriggerDefinition => t.name === triggerName && t.kind === 'webhook');
    if (!connector || !trigger) throw new WebhookError(404, `Connection ${connectionId} (${connection.connector}) has no webhook trigger '${triggerName}'`);

    const state = await this.triggers.pollState(connection.workspaceId, connectionId, triggerName);
    if (state && !state.enabled) throw new WebhookError(404, `Trigger '${triggerName}' is disabled on connection ${connectionId}`);
    const options = trigger.options.safeParse(state?.options ?? {});
    if (!options.success) throw new WebhookError(400, `Trigger '${triggerName}' on connection ${connectionId} has invalid options; an admin must enable it again`);

    let auth: unknown;
    try {
      auth = parseConnectionConfig(connector, connection.config);
    } catch {
      throw new WebhookError(401, `Connection ${connectionId} has an incomplete config, so the signature cannot be checked; an admin must fix the connection`);
    }
    const args = { auth, options: options.data, request, now: Date.now() };
    const verified = trigger.verify(args);
    if (!verified.ok) throw new WebhookError(verified.status, `Signature check failed: ${verified.message}`);

    let items;
    try {
      items = trigger.parse(args);
    } catch (error) {
      if (error instanceof InvalidInputError || isConnectorError(error)) throw new WebhookError(400, (error as Error).message);
      throw error;
    }
    return this.delivery.deliver({ workspaceId: connection.workspaceId, connectionId, trigger: triggerName, items });
  }
}
