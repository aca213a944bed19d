import type { Step } from '../dsl/types';

export const CONDITION_PORTS = ['yes', 'no'] as const;

/**
 * The ports edges may leave a step by: yes/no for a condition, the variant ports of a split,
 * none for an end; every other kind has one unnamed output (`undefined`).
 */
export function outputPorts(step: Step): (string | undefined)[] {
  switch (step.kind) {
    case 'condition':
      return [...CONDITION_PORTS];
    case 'split':
      return step.variants.map((variant) => variant.port);
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
