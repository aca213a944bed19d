import { Inject, Injectable } from '@nestjs/common';
import type { ConnectorRegistry } from '@tripline/connector-sdk';
import { CONNECTOR_REGISTRY } from '../../connectors-registry';
import type { ConnectionEntity } from '../connection.entity';
import { ConnectionsService } from '../connections.service';
import type { ConnectionBudgetModel, ConnectionOptionModel } from '../models/connection-budget.model';
import { ConnectionCallCountsService } from './connection-call-counts.service';
import { connectionHealth } from './connection-health';
import { effectiveRate } from './rate-limits';
import { VendorQuotasService } from './vendor-quotas.service';

/** What editors may know about a workspace's connections: names, health and budgets, never configs. */
@Injectable()
export class ConnectionBudgetsService {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly quotas: VendorQuotasService,
    private readonly callCounts: ConnectionCallCountsService,
    @Inject(CONNECTOR_REGISTRY) private readonly registry: ConnectorRegistry,
  ) {}

  async options(workspaceId: string, connector: string | null): Promise<ConnectionOptionModel[]> {
    const connections = (await this.connections.list(workspaceId)).filter((c) => connector === null || c.connector === connector);
    if (connections.length === 0) return [];
    const quotas = await this.quotas.latestByConnection(workspaceId);
    return connections.map((connection) => ({
      id: connection.id,
      name: connection.name,
      connector: connection.connector,
      ...this.healthOf(connection, quotas.get(connection.id) ?? null),
    }));
  }

  async budgets(workspaceId: string, connectionId: string | null, env: NodeJS.ProcessEnv = process.env): Promise<ConnectionBudgetModel[]> {
    const connections = (await this.connections.list(workspaceId)).filter((c) => connectionId === null || c.id === connectionId);
    if (connections.length === 0) return [];
    const [quotas, counts] = await Promise.all([this.quotas.latestByConnection(workspaceId), this.callCounts.countsByReference(workspaceId)]);
    return connections.map((connection) => {
      // Steps name a connection by id or by name: both count.
      const byId = counts.get(connection.id);
      const byName = counts.get(connection.name);
      const rate = effectiveRate(this.connectorOf(connection), connection.connector, env);
      const quota = quotas.get(connection.id) ?? null;
      return {
        connectionId: connection.id,
        name: connection.name,
        connector: connection.connector,
        ratePerSecond: rate.perSecond,
        rateSource: rate.source,
        callsLastMinute: (byId?.lastMinute ?? 0) + (byName?.lastMinute ?? 0),
        callsLastHour: (byId?.lastHour ?? 0) + (byName?.lastHour ?? 0),
        callsLastDay: (byId?.lastDay ?? 0) + (byName?.lastDay ?? 0),
        vendorQuota: quota,
        ...this.healthOf(connection, quota),
      };
    });
  }

  private connectorOf(connection: ConnectionEntity) {
    return this.registry.list().find((c) => c.name === connection.connector);
  }

  private healthOf(connection: ConnectionEntity, quota: Parameters<typeof connectionHealth>[0]['quota']) {
    const { health, note } = connectionHealth({ connectorInstalled: this.connectorOf(connection) !== undefined, quota });
    return { health, healthNote: note };
  }
}
