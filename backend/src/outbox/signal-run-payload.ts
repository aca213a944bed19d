import { EVENT_RECEIVED_SIGNAL, type EventReceivedSignal } from '@tripline/playbook';
import { EntityManager } from 'typeorm';
import { timeOrderedId } from '../database/time-ordered-id';
import { bulkInsert } from '../ingest/bulk-sql';
import { OutboxMessageEntity } from './outbox-message.entity';
import type { StartPlaybookRunPayload } from './start-playbook-run-payload';
import type { SignalWorkflowPayload, StartWorkflowPayload } from './workflow-payloads';

/**
 * What an outbox row carries to wake a waiting run (kind 'signalRun'): the dispatcher sends
 * `signal` with `input` to the workflow `workflowId` (its current execution). Written by ingest in
 * the transaction that stored the event, so "event accepted" and "the run will hear of it" are one fact.
 */
export interface SignalRunPayload {
  workspaceId: string;
  workflowId: string;
  /** Tripline's run id and the wait's row, for logs and the run view. */
  runId: string;
  waitId: string;
  signal: typeof EVENT_RECEIVED_SIGNAL;
  input: EventReceivedSignal;
}

export type OutboxPayload = StartPlaybookRunPayload | SignalRunPayload | StartWorkflowPayload | SignalWorkflowPayload;

export function isSignalRunPayload(payload: OutboxPayload): payload is SignalRunPayload {
  return (payload as Partial<SignalRunPayload>).signal === EVENT_RECEIVED_SIGNAL;
}

/** Adds signals to the outbox inside the caller's transaction. */
export async function addSignalRuns(manager: EntityManager, payloads: readonly SignalRunPayload[], now: Date): Promise<void> {
  await bulkInsert(
    manager,
    OutboxMessageEntity,
    payloads.map((payload) => ({
      id: timeOrderedId(),
      workspaceId: payload.workspaceId,
      kind: 'signalRun' as const,
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
