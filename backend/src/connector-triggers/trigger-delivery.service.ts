import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { ConnectorRegistry, CrmChangeTriggerItem, EventTriggerItem, PollCheckpoint } from '@tripline/connector-sdk';
import { EntityManager } from 'typeorm';
import { ConnectionsService } from '../connections/connections.service';
import { CONNECTOR_REGISTRY } from '../connectors-registry';
import { CrmChangesService, type CrmChangesResult } from '../crm-changes/crm-changes.service';
import { IngestService } from '../ingest/ingest.service';
import { ConnectorTriggerSubscriptionEntity } from './connector-trigger-subscription.entity';
import { callsOfEventItems, type RejectedItem } from './event-item-calls';
import { mergeCheckpoint } from './merge-checkpoint';
import { triggerItemSchema } from './trigger-item.schema';

export interface Delivery {
  workspaceId: string;
  connectionId: string;
  trigger: string;
  items: readonly unknown[];
  /** Polling: where the next poll starts, stored in the same transaction as the items. Webhooks: none. */
  checkpoint?: PollCheckpoint | null;
}

export interface DeliveryResult {
  events: { stored: number; duplicates: number };
  crmChanges: { stored: number; duplicates: number };
  /** Playbook runs enrolled (events' triggers and CRM changes'). */
  firings: number;
  /** Items that could not be read, with why; the others were stored. */
  rejected: RejectedItem[];
  checkpoint: PollCheckpoint | null;
}

const MAX_REJECTIONS_IN_ERROR = 3;

/**
 * Stores what a connector trigger delivers: events through ingest (same dedupe, identity, scores,
 * triggers and outbox as /v1), CRM changes through crm-changes/, and the poll's new checkpoint — ONE
 * transaction under the workspace's ingest lock. So a poll either lands whole with its checkpoint or
 * not at all, and a replay of the same delivery stores nothing twice (messageIds and change ids dedupe).
 */
@Injectable()
export class TriggerDeliveryService {
  constructor(
    @Inject(CONNECTOR_REGISTRY) private readonly registry: ConnectorRegistry,
    private readonly connections: ConnectionsService,
    private readonly ingest: IngestService,
    private readonly crmChanges: CrmChangesService,
  ) {}

  async deliver(delivery: Delivery): Promise<DeliveryResult> {
    const connection = await this.connections.findById(delivery.workspaceId, delivery.connectionId);
    if (!connection) throw new NotFoundException(`Connection ${delivery.connectionId} not found in workspace ${delivery.workspaceId}`);
    const connector = this.registry.list().find((c) => c.name === connection.connector);
    if (!connector?.triggers?.some((t) => t.name === delivery.trigger)) {
      throw new NotFoundException(`Connector '${connection.connector}' has no trigger '${delivery.trigger}'`);
    }

    const receivedAt = new Date();
    const rejected: RejectedItem[] = [];
    const events: { index: number; item: EventTriggerItem }[] = [];
    const crm: CrmChangeTriggerItem[] = [];
    delivery.items.forEach((raw, index) => {
      const parsed = triggerItemSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const id = typeof (raw as { id?: unknown })?.id === 'string' ? ((raw as { id: string }).id) : null;
        rejected.push({ index, id, error: `${issue.path.join('.') || 'item'}: ${issue.message}` });
      } else if (parsed.data.kind === 'event') events.push({ index, item: parsed.data as unknown as EventTriggerItem });
      else crm.push(parsed.data as CrmChangeTriggerItem);
    });
    const { calls, rejected: badCalls } = callsOfEventItems(events, receivedAt);
    rejected.push(...badCalls);
    rejected.sort((a, b) => a.index - b.index);

    let crmResult: CrmChangesResult = { stored: 0, duplicates: 0, firings: 0 };
    let checkpoint: PollCheckpoint | null = null;
    const ingested = await this.ingest.store(delivery.workspaceId, calls, {
      source: connection.connector,
      alsoInTransaction: async (manager, now, storedCalls) => {
        crmResult = await this.crmChanges.record(manager, delivery.workspaceId, delivery.connectionId, crm, now);
        checkpoint = await this.recordDelivery(manager, delivery, now, storedCalls + crmResult.stored, rejected);
        return crmResult.firings;
      },
    });
    return {
      events: { stored: ingested.stored, duplicates: ingested.duplicates },
      crmChanges: { stored: crmResult.stored, duplicates: crmResult.duplicates },
      firings: ingested.firings,
      rejected,
      checkpoint,
    };
  }

  /** The subscription's checkpoint (forward only) and bookkeeping; a webhook trigger without a subscription has none. */
  private async recordDelivery(manager: EntityManager, delivery: Delivery, now: Date, stored: number, rejected: RejectedItem[]): Promise<PollCheckpoint | null> {
    const { workspaceId, connectionId, trigger } = delivery;
    const subscription = await manager.findOneBy(ConnectorTriggerSubscriptionEntity, { workspaceId, connectionId, trigger });
    if (!subscription) return null;
    const checkpoint = mergeCheckpoint(subscription.checkpoint, delivery.checkpoint);
    subscription.checkpoint = checkpoint;
    subscription.checkpointTime = checkpoint ? new Date(checkpoint.time) : null;
    if (delivery.checkpoint !== undefined) subscription.lastPollAt = now;
    if (stored > 0) subscription.lastDeliveryAt = now;
    subscription.itemsDelivered += stored;
    if (rejected.length > 0) {
      subscription.lastError = describeRejections(rejected);
      subscription.lastErrorAt = now;
    } else if (delivery.checkpoint !== undefined) {
      subscription.lastError = null;
    }
    subscription.updatedAt = now;
    await manager.save(subscription);
    return checkpoint;
  }
}

function describeRejections(rejected: RejectedItem[]): string {
  const shown = rejected.slice(0, MAX_REJECTIONS_IN_ERROR).map((r) => `item ${r.index}${r.id ? ` (${r.id})` : ''}: ${r.error}`);
  const more = rejected.length > shown.length ? `; and ${rejected.length - shown.length} more` : '';
  return `${rejected.length} item(s) rejected: ${shown.join('; ')}${more}`;
}

