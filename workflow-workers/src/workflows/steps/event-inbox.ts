import type { NodeId, ReceivedEvent } from '@tripline/playbook';
import { EVENT_RECEIVED_SIGNAL, type EventReceivedSignal } from '@tripline/playbook';
import { defineSignal, setHandler } from '@temporalio/workflow';

/** Sent by the backend's outbox dispatcher when an ingested event satisfies an open wait. */
export const eventReceivedSignal = defineSignal<[EventReceivedSignal]>(EVENT_RECEIVED_SIGNAL);

/**
 * The run's one handler of `eventReceivedSignal`, routing each delivery to the waitForEvent step and
 * visit it names: parallel branches may wait at the same time, and a signal has one handler per
 * name. Module state is per workflow execution (the SDK isolates workflow globals).
 *
 * - The handler is installed by the first wait, before that step's first await; signals delivered
 *   earlier are buffered by Temporal and arrive at installation.
 * - A delivery for a wait that is listening goes to it; the first event wins, repeats are ignored.
 * - A delivery for a wait that has not started listening is kept (first one per wait) and handed
 *   to it when it does; one for a wait that has finished (a late or repeated delivery) is dropped.
 */
const listening = new Map<string, (event: ReceivedEvent) => void>();
const early = new Map<string, ReceivedEvent>();
const finished = new Set<string>();
let installed = false;

const keyOf = (stepId: NodeId, visit: number) => `${stepId}\u0000${visit}`;

function install(): void {
  if (installed) return;
  installed = true;
  setHandler(eventReceivedSignal, ({ stepId, visit, event }) => {
    const key = keyOf(stepId, visit);
    const deliver = listening.get(key);
    if (deliver) deliver(event);
    else if (!finished.has(key) && !early.has(key)) early.set(key, event);
  });
}

export interface EventListener {
  /** The first event delivered for this wait, if any yet. */
  readonly event: ReceivedEvent | undefined;
  /** Stops listening: later deliveries for this wait are dropped. */
  stop(): void;
}

/** Starts listening for the event of one wait (a step's visit). Call before the step's first await. */
export function listenForEvent(stepId: NodeId, visit: number): EventListener {
  install();
  const key = keyOf(stepId, visit);
  let received = early.get(key);
  early.delete(key);
  listening.set(key, (event) => {
    received ??= event;
  });
  return {
    get event() {
      return received;
    },
    stop() {
      listening.delete(key);
      finished.add(key);
    },
  };
}
