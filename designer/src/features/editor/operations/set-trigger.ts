import type { Enrollment, Playbook, Trigger } from '@tripline/playbook';
import type { EditResult } from './types';

/** A playbook has exactly one trigger: setting one replaces it. */
export function setTrigger(document: Playbook, trigger: Trigger): EditResult {
  return { ok: true, document: { ...document, trigger: structuredClone(trigger) } };
}

/** Who enrolls and how often (the trigger panel's enrollment settings). */
export function setEnrollment(document: Playbook, enrollment: Enrollment): EditResult {
  return { ok: true, document: { ...document, enrollment: structuredClone(enrollment) } };
}
