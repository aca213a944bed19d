import { EntityManager } from 'typeorm';
import { timeOrderedId } from '../database/time-ordered-id';
import { OutboxMessageEntity, type OutboxKind } from './outbox-message.entity';

/**
 * Outbox row kind 'startWorkflow': the dispatcher starts `workflowType` with `args` under `workflowId`
 * on the API's task queue (REJECT_DUPLICATE: an already started workflow counts as done). Generic, so
 * a feature (e.g. governance's changeApproval) starts its workflow in the transaction that made the
 * fact it is about, without a dispatcher change of its own.
 */
export interface StartWorkflowPayload {
  workspaceId: string;
  workflowType: string;
  workflowId: string;
  args: unknown[];
}

/**
 * Outbox row kind 'signalWorkflow': the dispatcher sends `signal` with `input` to the workflow's
 * current execution; a workflow that is not found or has closed needs no signal (the row is done, noted).
 */
export interface SignalWorkflowPayload {
  workspaceId: string;
  workflowId: string;
  signal: string;
  input: unknown;
}

/** Adds a workflow start to the outbox inside the caller's transaction. */
export function addStartWorkflow(manager: EntityManager, payload: StartWorkflowPayload, now = new Date()): Promise<void> {
  return addRow(manager, 'startWorkflow', payload, now);
}

/**
 * Adds a signal to the outbox inside the caller's transaction. Rows are dispatched in insertion order
 * per workflow id, so a start written earlier always reaches Temporal before this signal.
 */
export function addSignalWorkflow(manager: EntityManager, payload: SignalWorkflowPayload, now = new Date()): Promise<void> {
  return addRow(manager, 'signalWorkflow', payload, now);
}

async function addRow(manager: EntityManager, kind: OutboxKind, payload: StartWorkflowPayload | SignalWorkflowPayload, now: Date): Promise<void> {
  const row: OutboxMessageEntity = {
    id: timeOrderedId(),
    workspaceId: payload.workspaceId,
    kind,
    payload,
    status: 'pending',
    attempts: 0,
    lastError: null,
    availableAt: now,
    createdAt: now,
    dispatchedAt: null,
  };
  await manager.insert(OutboxMessageEntity, row);
}
