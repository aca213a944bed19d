/**
 * The text and ports a node shows, from @tripline/playbook's own helpers (one wording everywhere).
 * Drafts are edited by hand and may be incomplete, so a step those helpers cannot read is still drawn.
 */
import { describeFilter, describeStep, describeTrigger, outputPorts, type Step, type Trigger } from '@tripline/playbook';

export function stepSummary(step: Step): string {
  try {
    return describeStep(step);
  } catch {
    return `${step.kind} (incomplete)`;
  }
}

export function triggerSummary(trigger: Trigger): string {
  if (trigger.kind !== 'event') {
    try {
      return describeTrigger(trigger);
    } catch {
      return `${trigger.kind} trigger (incomplete)`;
    }
  }
  const event = typeof trigger.event === 'string' && trigger.event !== '' ? `"${trigger.event}"` : '(no event)';
  if (trigger.where === undefined) return `When ${event}`;
  try {
    return `When ${event} where ${describeFilter(trigger.where)}`;
  } catch {
    return `When ${event} where (incomplete filter)`;
  }
}

/** A step's outputs: named ports, and whether it has the unnamed one. */
export function stepOutputs(step: Step): { ports: string[]; hasDefaultOutput: boolean } {
  let outputs: (string | undefined)[];
  try {
    outputs = outputPorts(step);
  } catch {
    outputs = []; // e.g. a split whose variants are not written yet
  }
  return {
    ports: outputs.filter((port): port is string => typeof port === 'string'),
    hasDefaultOutput: outputs.includes(undefined),
  };
}
