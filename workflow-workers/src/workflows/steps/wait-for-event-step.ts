import {
  EVENT_RECEIVED_PORT,
  parseDuration,
  type OpenRunWaitResult,
  type ReceivedEvent,
  type RunWaitKey,
  type RunWaitOutcome,
  type WaitForEventStep,
} from '@tripline/playbook';
import { CancellationScope, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
// Types only: the workflow bundle never loads activity code.
import type { PlaybookActivities } from '../../activities/create-activities';
import { runFailure } from '../failure-message';
import { listenForEvent } from './event-inbox';
import type { StepContext, StepOutcome } from './step-outcome';

export { eventReceivedSignal } from './event-inbox';

/** Registering and closing a wait must not be lost: retried for as long as the API is down (a 4xx fails at once). */
const runWaits = proxyActivities<Pick<PlaybookActivities, 'openRunWait' | 'closeRunWait'>>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export interface WaitForEventOutput {
  outcome: 'received' | 'timedOut';
  /** The event that satisfied the wait (received only). */
  event?: ReceivedEvent;
  /** Workflow time the wait started and would have timed out. */
  openedAt: string;
  expiresAt: string;
}

/** The step's timeout in ms; fails the run on a step it cannot honour. */
export function waitForEventTimeoutMs(step: WaitForEventStep, nodeId: string): number {
  try {
    return parseDuration(step.timeout);
  } catch (error) {
    throw runFailure(`waitForEvent (node ${nodeId}): ${(error as Error).message}`, 'InvalidStep');
  }
}

/**
 * Waits until the backend signals that an event named `step.event.name` (matching `where`) arrived
 * for the run's subject, or until the timeout: leaves by "received" or by the unnamed port.
 *
 * Never lost, never counted twice:
 * - the step listens (event-inbox.ts) before its first await, so a signal delivered in the same
 *   activation as the registration — or buffered by Temporal before it — reaches it;
 * - the wait is registered through an activity; ingest matches events against registered waits in
 *   its own transaction and writes the signal to the outbox there; an event stored between the
 *   step's start and the registration is found by the registration itself (`status: 'received'`);
 * - a signal names the step and visit it answers, so one for another step or an earlier visit of
 *   this one (a late or repeated delivery) is ignored, and the first event wins: a repeated delivery
 *   of the same messageId changes nothing.
 * Events that happened before the step started never count (the backend compares event time with
 * `openedAt`); nor do events ingested after the timeout.
 */
export async function runWaitForEventStep(step: WaitForEventStep, { run, nodeId, visit, startedAt }: StepContext): Promise<StepOutcome> {
  const timeoutMs = waitForEventTimeoutMs(step, nodeId);
  const listener = listenForEvent(nodeId, visit);
  let received: ReceivedEvent | undefined;

  const info = workflowInfo();
  const key: RunWaitKey = { workspaceId: run.workspaceId, workflowId: info.workflowId, stepId: nodeId, visit };
  // Workflow time: deterministic on replay.
  const openedAt = new Date(startedAt);
  const expiresAt = new Date(startedAt + timeoutMs);
  let opened: OpenRunWaitResult | undefined;
  try {
    opened = await runWaits.openRunWait({
      ...key,
      runId: run.runId,
      temporalRunId: info.runId,
      subject: run.subject,
      event: step.event,
      openedAt: openedAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    if (opened.status === 'received') received = opened.event;
    const remainingMs = expiresAt.getTime() - Date.now();
    if (received === undefined && listener.event === undefined && remainingMs > 0) {
      await condition(() => listener.event !== undefined, remainingMs);
    }
    received ??= listener.event;
  } finally {
    listener.stop();
    // Closed on cancellation too (even mid-registration), so ingest stops matching it; not after a
    // failed registration, whose error must stay the one reported.
    const cancelled = CancellationScope.current().consideredCancelled;
    if (opened !== undefined || cancelled) {
      const outcome: RunWaitOutcome = received ? 'received' : opened === undefined || cancelled ? 'cancelled' : 'timedOut';
      await CancellationScope.nonCancellable(() =>
        runWaits.closeRunWait({ ...key, temporalRunId: info.runId, outcome, ...(received ? { messageId: received.messageId } : {}) }),
      );
    }
  }

  const common = { openedAt: openedAt.toISOString(), expiresAt: expiresAt.toISOString() };
  if (received === undefined) return { output: { outcome: 'timedOut', ...common } satisfies WaitForEventOutput };
  return { port: EVENT_RECEIVED_PORT, output: { outcome: 'received', event: received, ...common } satisfies WaitForEventOutput };
}
