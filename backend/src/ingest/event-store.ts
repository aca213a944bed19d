import { EntityManager } from 'typeorm';
import { bulkInsert, selectWhereIn } from './bulk-sql';
import { EventEntity } from './event.entity';
import { SegmentCall } from './segment/segment-call';
import { timeOrderedId } from '../database/time-ordered-id';

/** The events table, as the ingest transaction uses it. */
export const eventStore = {
  /** messageIds of `calls` this workspace has stored already. */
  async storedMessageIds(manager: EntityManager, workspaceId: string, messageIds: readonly string[]): Promise<Set<string>> {
    const rows = await selectWhereIn(manager, 'events', ['message_id'], workspaceId, 'message_id', messageIds);
    return new Set(rows.map((r) => r.message_id as string));
  },

  async insert(manager: EntityManager, workspaceId: string, calls: readonly SegmentCall[], personIds: readonly string[]): Promise<void> {
    await bulkInsert(
      manager,
      EventEntity,
      calls.map((call, i): EventEntity => ({
        id: timeOrderedId(),
        workspaceId,
        messageId: call.messageId,
        type: call.type,
        event: call.event,
        name: call.name,
        category: call.category,
        userId: call.userId,
        anonymousId: call.anonymousId,
        previousId: call.previousId,
        personId: personIds[i],
        groupId: call.groupId,
        properties: call.properties,
        traits: call.traits,
        context: call.context,
        timestamp: call.timestamp,
        originalTimestamp: call.originalTimestamp,
        sentAt: call.sentAt,
        receivedAt: call.receivedAt,
      })),
    );
  },

  /** After persons merged: their past events belong to the surviving person. */
  async movePersonEvents(manager: EntityManager, workspaceId: string, merges: readonly { from: string; into: string }[]): Promise<void> {
    for (const { from, into } of merges) await manager.update(EventEntity, { workspaceId, personId: from }, { personId: into });
  },
};
