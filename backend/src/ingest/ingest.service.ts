import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { QualitySource } from '../data-quality/event-source';
import { IdentityStore } from '../identity/identity.store';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher';
import { OutboxWriter } from '../outbox/outbox-writer';
import { Transactions } from '../database/transactions';
import { recordSourceQuality, segmentSource } from '../data-quality/record-source-quality';
import { LiveScoringService } from '../scoring/live/live-scoring.service';
import { TrackedEvent } from '../triggers/match-triggers';
import { inTimeOrder } from '../triggers/scored-event';
import { TriggersService } from '../triggers/triggers.service';
import { signalWaitingRuns } from '../run-waits/signal-waiting-runs';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { EventTail } from '../event-tail/event-tail';
import { eventStore } from './event-store';
import { IngestError } from './segment/ingest-error';
import { readSegmentBody, SegmentRoute, validateSegmentBody } from './segment/parse-segment-request';
import { SegmentCall } from './segment/segment-call';
import { writeKeyFromAuthorization } from './write-key-header';

export interface StoreOptions {
  /** The data-quality source of the calls (a connector names itself); default: the sending Segment library. */
  source?: QualitySource;
  /** More writes in the same transaction, after the calls; returns the outbox rows it added. */
  alsoInTransaction?: (manager: EntityManager, now: Date, storedCalls: number) => Promise<number>;
}

export interface IngestResult {
  /** Calls stored by this request (new messageIds). */
  stored: number;
  /** Calls whose messageId was already stored (a retry): accepted, not stored again. */
  duplicates: number;
  /** Playbook runs this request enrolled (rows added to the outbox). */
  firings: number;
}

/**
 * One Segment request, end to end. Everything it stores — events, identity changes, score states and
 * history, trigger aggregates, enrollments and outbox rows — is one transaction, and the promise
 * resolves only after it committed: a 2xx means the events are durable and their trigger firings will run.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly transactions: Transactions,
    private readonly identity: IdentityStore,
    private readonly triggers: TriggersService,
    private readonly scoring: LiveScoringService,
    private readonly outbox: OutboxWriter,
    private readonly dispatcher: OutboxDispatcher,
    private readonly tail: EventTail,
  ) {}

  async handle(route: SegmentRoute, raw: Buffer, authorization: string | undefined): Promise<IngestResult> {
    const receivedAt = new Date();
    // A key in the header is checked before the body is even parsed.
    const headerKey = writeKeyFromAuthorization(authorization);
    const headerWorkspace = headerKey === null ? null : await this.workspaceFor(headerKey);
    const { body, writeKey } = readSegmentBody(route, raw);
    if (!headerWorkspace && writeKey === null) {
      throw new IngestError(401, 'Missing write key: send it as the HTTP Basic username (empty password) or as "writeKey" in the body');
    }
    const workspace = headerWorkspace ?? (await this.workspaceFor(writeKey!));
    const calls = validateSegmentBody(route, body, receivedAt, randomUUID);
    return this.store(workspace.id, calls);
  }

  /**
   * Stores validated calls for a workspace (dedupe, identity, events, triggers, outbox) in one transaction.
   * `options.source` names the data-quality source (default: the Segment library); `options.alsoInTransaction`
   * writes more in the same transaction, after the calls (connector deliveries store their checkpoint
   * and CRM changes there) and returns how many outbox rows it added.
   */
  async store(workspaceId: string, calls: readonly SegmentCall[], options: StoreOptions = {}): Promise<IngestResult> {
    const unique = firstOfEachMessageId(calls);
    const result = await this.transactions.run(
      async (manager) => {
      const now = new Date();
      // Only while someone watches the live tail (else null: no extra work).
      const tail = this.tail.collector(workspaceId);
      const stored = await eventStore.storedMessageIds(manager, workspaceId, unique.map((c) => c.messageId));
      const fresh = unique.filter((c) => !stored.has(c.messageId));
      const graph = await this.identity.load(manager, workspaceId, fresh);
      const applied = fresh.map((call) => graph.apply(call));
      const changes = graph.changes();
      await this.identity.save(manager, workspaceId, changes, now);
      if (changes.merges.length > 0) {
        await eventStore.movePersonEvents(manager, workspaceId, changes.merges);
        await this.triggers.movePersonEnrollments(manager, workspaceId, changes.merges);
        await this.scoring.movePersons(manager, workspaceId, changes.merges, now);
      }
      const personIds = applied.map((id) => graph.resolve(id));
      await eventStore.insert(manager, workspaceId, fresh, personIds);
      tail?.stored(fresh, personIds, (i) => graph.person(personIds[i]!).accountId, options.source ?? segmentSource);
      await recordSourceQuality(manager, workspaceId, options.source ?? segmentSource, calls, fresh, (i) => graph.person(personIds[i]));

      const tracks: TrackedEvent[] = [];
      fresh.forEach((call, i) => {
        if (call.type !== 'track') return;
        const person = graph.person(personIds[i]);
        const account = graph.account(person.accountId);
        tracks.push({
          messageId: call.messageId,
          event: call.event!,
          timestamp: call.timestamp,
          properties: call.properties,
          person: { id: person.id, userId: person.userId, traits: person.traits },
          ...(account ? { account: { id: account.id, groupId: account.groupId, traits: account.traits } } : {}),
        });
      });
      const signalled = await signalWaitingRuns(manager, workspaceId, tracks, now);
      // Scores and event-time triggers move event by event, in event time (see scoring/README.md).
      const timed = inTimeOrder(tracks);
      const triggerBatch = await this.triggers.begin(manager, workspaceId, timed);
      const scoring = await this.scoring.begin(manager, workspaceId, timed.map((e) => e.scored), triggerBatch.scoreReaders);
      for (const event of timed) {
        const changes = scoring.apply(event.scored);
        tail?.scored(event.scored.messageId, changes);
        triggerBatch.onEvent(event, changes, scoring);
      }
      await scoring.save(manager, now);
      const firings = await this.triggers.enroll(manager, workspaceId, tracks, triggerBatch, now);
      await this.outbox.addStartPlaybookRuns(manager, firings, now);
      const alsoFirings = options.alsoInTransaction ? await options.alsoInTransaction(manager, now, fresh.length) : 0;
      return { stored: fresh.length, firings: firings.length + alsoFirings, signalled, tail };
      },
      { lockKey: `ingest:${workspaceId}` },
    );
    // Enrollments to start and waiting runs to wake go out now, not at the next outbox poll.
    if (result.firings > 0 || result.signalled > 0) this.dispatcher.nudge();
    // Committed: the live tail hears of it (fire-and-forget, never for a rolled-back batch).
    if (result.tail) this.tail.publishAfterCommit(result.tail);
    return { stored: result.stored, firings: result.firings, duplicates: calls.length - result.stored };
  }

  private async workspaceFor(writeKey: string) {
    const workspace = await this.workspaces.findByWriteKey(writeKey);
    if (!workspace) throw new IngestError(401, 'Unknown write key');
    return workspace;
  }
}

function firstOfEachMessageId(calls: readonly SegmentCall[]): SegmentCall[] {
  const seen = new Set<string>();
  return calls.filter((c) => (seen.has(c.messageId) ? false : (seen.add(c.messageId), true)));
}
