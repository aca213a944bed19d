import type { Step } from '../dsl/types';

export const CONDITION_PORTS = ['yes', 'no'] as const;

/** The named port a waitForEvent leaves by when the event arrives (the unnamed one is the timeout). */
export const EVENT_RECEIVED_PORT = 'received';
/** The named port an approval leaves by when it is rejected (the unnamed one is approved). */
export const APPROVAL_REJECTED_PORT = 'rejected';

/**
 * The ports edges may leave a step by: yes/no for a condition, the variant ports of a split,
 * none for an end; a waitForEvent continues unnamed on timeout and by "received" when the event
 * arrives (no "received" edge: the goal is met and the run exits); an approval continues unnamed
 * when approved and by "rejected" (no "rejected" edge: the run compensates and ends); every other
 * kind has one unnamed output (`undefined`).
 */
export function outputPorts(step: Step): (string | undefined)[] {
  switch (step.kind) {
    case 'condition':
      return [...CONDITION_PORTS];
    case 'split':
      return step.variants.map((variant) => variant.port);
    case 'waitForEvent':
      return [undefined, EVENT_RECEIVED_PORT];
    case 'approval':
      return [undefined, APPROVAL_REJECTED_PORT];
    case 'end':
      return [];
    default:
      return [undefined];
  }
}

/** Kinds that may have several outgoing edges from the same (unnamed) port. */
export function fansOut(step: Step): boolean {
  return step.kind === 'parallel';
}

/** Kinds where a run pauses durably; a cycle through one of these is a deliberate loop, not a spin. */
export function isWaitingStep(step: Step): boolean {
  return step.kind === 'wait' || step.kind === 'waitForEvent' || step.kind === 'approval';
}
