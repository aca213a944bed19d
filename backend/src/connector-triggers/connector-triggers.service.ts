import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ConnectorDefinition, ConnectorRegistry, PollCheckpoint, TriggerDefinition } from '@tripline/connector-sdk';
import { Repository } from 'typeorm';
import { ConnectionsService } from '../connections/connections.service';
import { CONNECTOR_REGISTRY } from '../connectors-registry';
import { Transactions } from '../database/transactions';
import { badUserInput, notFound } from '../graphql/errors';
import { ConnectorTriggerSubscriptionEntity } from './connector-trigger-subscription.entity';
import { PollSchedules } from './poll-schedules';

/** A subscription as the API shows it, with what its trigger declares. */
export interface TriggerSubscriptionView {
  subscription: ConnectorTriggerSubscriptionEntity;
  connector: string;
  definition: TriggerDefinition;
  /** Why the poll schedule could not be created or updated just now (it is retried in the background). */
  scheduleError: string | null;
}

/** What the poll workflow reads before each poll (GET /internal/trigger-checkpoints/...). */
export interface PollState {
  connector: string;
  enabled: boolean;
  options: Record<string, unknown>;
  checkpoint: PollCheckpoint | null;
}

const RECONCILE_FIRST_DELAY_MS = 1_000;
const RECONCILE_MAX_DELAY_MS = 60_000;
const MAX_ERROR_LENGTH = 2_000;

/**
 * Trigger subscriptions per connection: enable (options validated by the trigger's schema),
 * disable, backfill, and the poll schedules that follow them. Schedules are kept in step when a
 * subscription changes and re-created at start-up when missing (Temporal may have been reset).
 */
@Injectable()
export class ConnectorTriggersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ConnectorTriggers');
  private reconcileTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @Inject(CONNECTOR_REGISTRY) private readonly registry: ConnectorRegistry,
    @InjectRepository(ConnectorTriggerSubscriptionEntity) private readonly subscriptions: Repository<ConnectorTriggerSubscriptionEntity>,
    private readonly connections: ConnectionsService,
    private readonly transactions: Transactions,
    private readonly schedules: PollSchedules,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduleReconcile(RECONCILE_FIRST_DELAY_MS);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.reconcileTimer) clearTimeout(this.reconcileTimer);
  }

  async list(workspaceId: string, connectionId?: string | null): Promise<TriggerSubscriptionView[]> {
    const rows = await this.subscriptions.find({ where: { workspaceId, ...(connectionId ? { connectionId } : {}) }, order: { connectionId: 'ASC', trigger: 'ASC' } });
    const views: TriggerSubscriptionView[] = [];
    for (const row of rows) {
      const connection = await this.connections.findById(workspaceId, row.connectionId);
      const definition = connection ? this.findTrigger(connection.connector, row.trigger) : undefined;
      if (connection && definition) views.push({ subscription: row, connector: connection.connector, definition, scheduleError: null });
    }
    return views;
  }

  async enable(workspaceId: string, connectionId: string, trigger: string, rawOptions: unknown): Promise<TriggerSubscriptionView> {
    const { connector, definition } = await this.triggerOf(workspaceId, connectionId, trigger);
    const options = parseOptions(connector, definition, rawOptions ?? {});
    const now = new Date();
    const subscription = await this.transactions.run(async (manager) => {
      const existing = await manager.findOneBy(ConnectorTriggerSubscriptionEntity, { workspaceId, connectionId, trigger });
      const row = existing ?? manager.create(ConnectorTriggerSubscriptionEntity, {
        id: randomUUID(), workspaceId, connectionId, trigger, checkpoint: null, checkpointTime: null, lastPollAt: null,
        lastDeliveryAt: null, itemsDelivered: 0, lastError: null, lastErrorAt: null, createdAt: now,
      });
      row.options = options;
      row.enabled = true;
      row.updatedAt = now;
      return manager.save(row);
    });
    let scheduleError: string | null = null;
    if (definition.kind === 'polling') {
      try {
        await this.schedules.upsert({ input: { workspaceId, connectionId, connector: connector.name, trigger }, intervalSeconds: definition.intervalSeconds });
      } catch (error) {
        scheduleError = this.scheduleFailed(error);
      }
    }
    return { subscription, connector: connector.name, definition, scheduleError };
  }

  async disable(workspaceId: string, connectionId: string, trigger: string): Promise<TriggerSubscriptionView> {
    const { connector, definition } = await this.triggerOf(workspaceId, connectionId, trigger);
    const subscription = await this.transactions.run(async (manager) => {
      const row = await manager.findOneBy(ConnectorTriggerSubscriptionEntity, { workspaceId, connectionId, trigger });
      if (!row) throw notFound(`Trigger '${trigger}' of connection ${connectionId} is not enabled, so it`);
      row.enabled = false;
      row.updatedAt = new Date();
      return manager.save(row);
    });
    let scheduleError: string | null = null;
    if (definition.kind === 'polling') {
      try {
        await this.schedules.remove(workspaceId, connectionId, trigger);
      } catch (error) {
        scheduleError = this.scheduleFailed(error);
      }
    }
    return { subscription, connector: connector.name, definition, scheduleError };
  }

  /** Starts a one-off poll over [from, to] (items dedupe downstream); returns its workflow id. */
  async backfill(workspaceId: string, connectionId: string, trigger: string, from: Date, to: Date): Promise<string> {
    const { connector, definition } = await this.triggerOf(workspaceId, connectionId, trigger);
    if (definition.kind !== 'polling') throw badUserInput(`Trigger '${trigger}' is a webhook trigger; only polling triggers can backfill`, { field: 'trigger' });
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) throw badUserInput('from must be before to', { field: 'from' });
    if (to.getTime() > Date.now() + 60_000) throw badUserInput('to must not be in the future', { field: 'to' });
    const row = await this.subscriptions.findOneBy({ workspaceId, connectionId, trigger });
    if (!row?.enabled) throw badUserInput(`Enable trigger '${trigger}' on this connection first (its options say what to poll)`, { field: 'trigger' });
    try {
      return await this.schedules.startBackfill({ workspaceId, connectionId, connector: connector.name, trigger, backfill: { from: from.toISOString(), to: to.toISOString() } });
    } catch (error) {
      throw badUserInput(`The backfill could not be started: Temporal is unreachable (${(error as Error).message}); try again`, { field: 'trigger' });
    }
  }

  /** For the poll workflow; null when the connection or subscription is gone. */
  async pollState(workspaceId: string, connectionId: string, trigger: string): Promise<PollState | null> {
    const connection = await this.connections.findById(workspaceId, connectionId);
    if (!connection) return null;
    const row = await this.subscriptions.findOneBy({ workspaceId, connectionId, trigger });
    if (!row) return null;
    return { connector: connection.connector, enabled: row.enabled, options: row.options, checkpoint: row.checkpoint };
  }

  /** The poll failed: shown as the subscription's last error until a poll succeeds. */
  async recordPollError(workspaceId: string, connectionId: string, trigger: string, message: string): Promise<boolean> {
    const now = new Date();
    return this.transactions.run(async (manager) => {
      const row = await manager.findOneBy(ConnectorTriggerSubscriptionEntity, { workspaceId, connectionId, trigger });
      if (!row) return false;
      row.lastError = message.slice(0, MAX_ERROR_LENGTH);
      row.lastErrorAt = now;
      row.lastPollAt = now;
      row.updatedAt = now;
      await manager.save(row);
      return true;
    });
  }

  /** Makes sure every enabled polling subscription has its schedule. */
  async reconcileSchedules(): Promise<number> {
    // Across workspaces: the API keeps every workspace's schedules.
    const enabled = await this.subscriptions.findBy({ enabled: true });
    let created = 0;
    for (const row of enabled) {
      const connection = await this.connections.findById(row.workspaceId, row.connectionId);
      const definition = connection ? this.findTrigger(connection.connector, row.trigger) : undefined;
      if (!connection || definition?.kind !== 'polling') continue;
      if (await this.schedules.exists(row.workspaceId, row.connectionId, row.trigger)) continue;
      await this.schedules.upsert({ input: { workspaceId: row.workspaceId, connectionId: row.connectionId, connector: connection.connector, trigger: row.trigger }, intervalSeconds: definition.intervalSeconds });
      created += 1;
    }
    return created;
  }

  private scheduleReconcile(delayMs: number): void {
    if (this.stopped) return;
    this.reconcileTimer = setTimeout(() => {
      this.reconcileSchedules().then(
        (created) => {
          if (created > 0) this.logger.log(`Re-created ${created} missing poll schedule(s)`);
        },
        (error: Error) => {
          this.logger.warn(`Poll schedules not checked yet (${error.message}); retrying`);
          this.scheduleReconcile(Math.min(delayMs * 2, RECONCILE_MAX_DELAY_MS));
        },
      );
    }, delayMs);
    this.reconcileTimer.unref();
  }

  private scheduleFailed(error: unknown): string {
    const message = `Temporal could not be reached (${(error as Error).message}); the schedule is retried in the background`;
    this.logger.warn(message);
    this.scheduleReconcile(RECONCILE_FIRST_DELAY_MS);
    return message;
  }

  private findTrigger(connectorName: string, trigger: string): TriggerDefinition | undefined {
    return this.registry.list().find((c) => c.name === connectorName)?.triggers?.find((t) => t.name === trigger);
  }

  private async triggerOf(workspaceId: string, connectionId: string, trigger: string): Promise<{ connector: ConnectorDefinition; definition: TriggerDefinition }> {
    const connection = await this.connections.findById(workspaceId, connectionId);
    if (!connection) throw notFound(`Connection ${connectionId}`);
    const connector = this.registry.list().find((c) => c.name === connection.connector);
    if (!connector) throw badUserInput(`Connection ${connectionId} uses connector '${connection.connector}', which this server does not have`, { field: 'connectionId' });
    const definition = connector.triggers?.find((t) => t.name === trigger);
    if (!definition) {
      const known = connector.triggers?.map((t) => t.name).join(', ') || 'none';
      throw badUserInput(`Connector '${connector.name}' has no trigger '${trigger}' (its triggers: ${known})`, { field: 'trigger' });
    }
    return { connector, definition };
  }
}

function parseOptions(connector: ConnectorDefinition, definition: TriggerDefinition, raw: unknown): Record<string, unknown> {
  const parsed = definition.options.safeParse(raw);
  if (parsed.success) return (parsed.data ?? {}) as Record<string, unknown>;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw badUserInput(`Invalid options for trigger '${connector.name}.${definition.name}': ${field ? `${field}: ` : ''}${issue.message}`, { field: field ? `options.${field}` : 'options' });
}

