/**
 * The contract of a waitForEvent step between the workflow, the worker API and the backend: the
 * wait the workflow registers (POST /internal/run-waits), how it is closed, and the signal the
 * outbox dispatcher sends when an ingested event satisfies it. Pure types and names: the workflow
 * turns the name into a Temporal signal definition, the backend signals by the same name.
 */
import type { Filter, NodeId } from './dsl/types';
import type { RunSubject } from './run-types';

/** The Temporal signal that wakes a waiting run. */
export const EVENT_RECEIVED_SIGNAL = 'tripline.eventReceived';

/** The event that satisfied a wait, as the step reports it and the signal carries it. */
export interface ReceivedEvent {
  messageId: string;
  name: string;
  /** ISO-8601, the event's (clock-skew corrected) time. */
  timestamp: string;
  properties: Record<string, unknown>;
}

/**
 * The signal's payload. `stepId` + `visit` name the wait it answers: the workflow ignores a signal
 * for another step or an earlier visit of the same step (a late or repeated delivery).
 */
export interface EventReceivedSignal {
  stepId: NodeId;
  visit: number;
  event: ReceivedEvent;
}

/** A wait is identified by its run's workflow, the step and the visit of that step. */
export interface RunWaitKey {
  workspaceId: string;
  workflowId: string;
  stepId: NodeId;
  visit: number;
}

/** What the workflow registers when a waitForEvent step starts. */
export interface OpenRunWaitRequest extends RunWaitKey {
  /** Tripline's run id. */
  runId: string;
  /** Temporal's run id: a reset re-runs the step in a new execution, which reopens the wait. */
  temporalRunId: string;
  subject: RunSubject;
  event: { name: string; where?: Filter };
  /** Workflow time when the step started: events that happened before it never count. */
  openedAt: string;
  /** When the step times out: events ingested after it never count. */
  expiresAt: string;
}

/**
 * `open`: wait for the signal. `received`: an event that happened after `openedAt` was already
 * stored when the wait was registered (ingested between the step's start and its registration), so
 * the wait is satisfied at once and no signal will come.
 */
export type OpenRunWaitResult = { status: 'open' } | { status: 'received'; event: ReceivedEvent };

export type RunWaitOutcome = 'received' | 'timedOut' | 'cancelled';

/** What the workflow reports when the step ends. */
export interface CloseRunWaitRequest extends RunWaitKey {
  temporalRunId: string;
  outcome: RunWaitOutcome;
  /** The event that satisfied the wait, for `received`. */
  messageId?: string;
}
