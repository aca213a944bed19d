import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CrmChangeTriggerItem } from '@tripline/connector-sdk';
import { EntityManager } from 'typeorm';
import { bulkInsert, findWhereIn } from '../ingest/bulk-sql';
import { OutboxWriter } from '../outbox/outbox-writer';
import { PublishedPlaybooksService } from '../playbooks/published-playbooks.service';
import { enrollFirings } from '../triggers/enroll-firings';
import { CrmChangeEntity } from './crm-change.entity';
import { crmChangeFirings } from './crm-change-firings';
import { linkCrmSubjects } from './link-crm-subjects';

export interface CrmChangesResult {
  /** Changes stored by this delivery. */
  stored: number;
  /** Changes already stored (a replay): not stored, matched or enrolled again. */
  duplicates: number;
  /** Outbox rows (playbook runs) the new changes enrolled. */
  firings: number;
}

/**
 * CRM changes delivered by connectors (polling or webhooks): stored once per change id, linked to a
 * person / account, matched against the published playbooks' crmChange triggers and enrolled through
 * the same enrollment rules and outbox as ingest — all inside the caller's transaction.
 */
@Injectable()
export class CrmChangesService {
  constructor(
    private readonly published: PublishedPlaybooksService,
    private readonly outbox: OutboxWriter,
  ) {}

  async record(manager: EntityManager, workspaceId: string, connectionId: string, items: readonly CrmChangeTriggerItem[], now: Date): Promise<CrmChangesResult> {
    if (items.length === 0) return { stored: 0, duplicates: 0, firings: 0 };
    const known = new Set((await findWhereIn(manager, CrmChangeEntity, workspaceId, 'changeId', items.map((i) => i.id))).map((c) => c.changeId));
    const fresh: CrmChangeTriggerItem[] = [];
    for (const item of items) {
      if (known.has(item.id)) continue;
      known.add(item.id);
      fresh.push(item);
    }
    const linked = [];
    for (const item of fresh) linked.push(await linkCrmSubjects(manager, workspaceId, item));
    await bulkInsert(
      manager,
      CrmChangeEntity,
      linked.map(({ item, person, account }) => ({
        id: randomUUID(),
        workspaceId,
        changeId: item.id,
        connectionId,
        object: item.change.object,
        recordId: item.change.recordId,
        changes: item.change.changes,
        record: item.change.record,
        personId: person?.id ?? null,
        accountId: account?.id ?? null,
        changedAt: new Date(item.at),
        receivedAt: now,
      })),
    );
    const playbooks = await this.published.findPublished(workspaceId);
    const firings = linked.flatMap((change) => crmChangeFirings(change, playbooks));
    const payloads = await enrollFirings(manager, workspaceId, firings, now);
    await this.outbox.addStartPlaybookRuns(manager, payloads, now);
    return { stored: fresh.length, duplicates: items.length - fresh.length, firings: payloads.length };
  }
}
