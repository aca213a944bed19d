import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { bulkInsert } from '../ingest/bulk-sql';
import { OutboxMessageEntity } from './outbox-message.entity';
import { StartPlaybookRunPayload } from './start-playbook-run-payload';
import { timeOrderedId } from '../database/time-ordered-id';

/** Adds firings to the outbox inside the caller's transaction (the one that stores their events). */
@Injectable()
export class OutboxWriter {
  async addStartPlaybookRuns(manager: EntityManager, payloads: StartPlaybookRunPayload[], now: Date): Promise<void> {
    await bulkInsert(
      manager,
      OutboxMessageEntity,
      payloads.map((payload) => ({
        id: timeOrderedId(),
        workspaceId: payload.workspaceId,
        kind: 'startPlaybookRun' as const,
        payload,
        status: 'pending' as const,
        attempts: 0,
        lastError: null,
        availableAt: now,
        createdAt: now,
        dispatchedAt: null,
      })),
    );
  }
}
