import type { AllTrigger, AnyTrigger, Trigger } from '../dsl/types';

export type CompositeTrigger = AllTrigger | AnyTrigger;

export function isCompositeTrigger(trigger: Trigger): trigger is CompositeTrigger {
  return trigger.kind === 'all' || trigger.kind === 'any';
}

/** Every non-composite trigger inside `trigger` (itself when it is one), depth first. */
export function triggerLeaves(trigger: Trigger): Exclude<Trigger, CompositeTrigger>[] {
  if (!isCompositeTrigger(trigger)) return [trigger];
  return trigger.triggers.flatMap(triggerLeaves);
}
