import type { Playbook, Trigger } from '@tripline/playbook';
import type { EditResult } from './types';

/** A playbook has exactly one trigger: setting one replaces it. */
export function setTrigger(document: Playbook, trigger: Trigger): EditResult {
  return { ok: true, document: { ...document, trigger: structuredClone(trigger) } };
}
