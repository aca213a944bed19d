import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CloseRunWaitRequest, OpenRunWaitRequest, OpenRunWaitResult, RunWaitKey } from '@tripline/playbook';
import { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import { EventEntity } from '../ingest/event.entity';
import { matchWaits } from './match-waits';
import { receivedEventOf } from './received-event';
import { RunWaitEntity } from './run-wait.entity';
import { storedTrackEvents } from './stored-events';

/**
 * Registers and closes the waits of waitForEvent steps (POST /internal/run-waits, /close).
 *
 * Registration runs under the ingest lock of the workspace (`ingest:<workspaceId>`, PostgreSQL) and
 * looks for a stored event that already satisfies the wait: an event ingested between the step's
 * start and its registration would otherwise be missed — ingest matches only waits it can see.
 * Either the ingest commits first (the registration finds its event) or the registration does
 * (the ingest matches the wait): nothing falls between. On SQLite, transactions run one at a time.
 */
@Injectable()
export class RunWaitsService {
  constructor(private readonly transactions: Transactions) {}

  /** Idempotent per (workflow, step, visit); a new Temporal execution (a reset) reopens the wait. */
  open(request: OpenRunWaitRequest): Promise<OpenRunWaitResult> {
    return this.transactions.run(
      async (manager) => {
        const now = new Date();
        const existing = await findWait(manager, request);
        if (existing && existing.temporalRunId === request.temporalRunId) return this.answerAgain(manager, existing);

        const wait: RunWaitEntity = {
          id: existing?.id ?? randomUUID(),
          workspaceId: request.workspaceId,
          runId: request.runId,
          workflowId: request.workflowId,
          temporalRunId: request.temporalRunId,
          stepId: request.stepId,
          visit: request.visit,
          subjectKind: request.subject.kind,
          subjectId: request.subject.id,
          eventName: request.event.name,
          eventWhere: request.event.where ?? null,
          status: 'open',
          messageId: null,
          openedAt: new Date(request.openedAt),
          expiresAt: new Date(request.expiresAt),
          matchedAt: null,
          closedAt: null,
          createdAt: existing?.createdAt ?? now,
        };
        const stored = await storedTrackEvents(manager, {
          workspaceId: request.workspaceId,
          subject: request.subject,
          eventName: request.event.name,
          since: wait.openedAt,
          receivedBy: wait.expiresAt,
        });
        // The same rule as ingest, as of each event's ingest (`now` only bounds the expiry, checked in the query).
        const [match] = matchWaits([wait], stored, new Date(Math.min(now.getTime(), wait.expiresAt.getTime() - 1)));
        if (match) Object.assign(wait, { status: 'matched', messageId: match.event.messageId, matchedAt: now });
        await manager.save(RunWaitEntity, wait);
        return match ? { status: 'received', event: receivedEventOf(match.event) } : { status: 'open' };
      },
      { lockKey: `ingest:${request.workspaceId}` },
    );
  }

  /** Records how the wait ended. Closing a wait that was never registered, or by a stale execution, changes nothing. */
  close(request: CloseRunWaitRequest): Promise<{ closed: boolean }> {
    return this.transactions.run(async (manager) => {
      const wait = await findWait(manager, request);
      if (!wait || wait.temporalRunId !== request.temporalRunId) return { closed: false };
      await manager.update(
        RunWaitEntity,
        { id: wait.id },
        { status: request.outcome, closedAt: wait.closedAt ?? new Date(), ...(request.messageId ? { messageId: request.messageId } : {}) },
      );
      return { closed: true };
    });
  }

  /** A retried registration: the wait as it stands (satisfied by its matched event, if any). */
  private async answerAgain(manager: EntityManager, wait: RunWaitEntity): Promise<OpenRunWaitResult> {
    if (!wait.messageId) return { status: 'open' };
    const event = await manager.findOneBy(EventEntity, { workspaceId: wait.workspaceId, messageId: wait.messageId });
    if (!event) return { status: 'open' };
    return { status: 'received', event: receivedEventOf({ messageId: event.messageId, event: event.event!, timestamp: event.timestamp, properties: event.properties }) };
  }
}

function findWait(manager: EntityManager, key: RunWaitKey): Promise<RunWaitEntity | null> {
  return manager.findOneBy(RunWaitEntity, { workspaceId: key.workspaceId, workflowId: key.workflowId, stepId: key.stepId, visit: key.visit });
}
