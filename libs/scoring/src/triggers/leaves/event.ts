import type { EventTrigger } from '@tripline/playbook';
import { result, type Moment } from '../moment';
import type { TriggerResult } from '../types';

/** A track event by name and filter: fires on that event only (it never "holds" between events). */
export function evaluateEventLeaf(trigger: EventTrigger, moment: Moment): TriggerResult {
  const event = moment.input.event;
  if (!event) return result(moment, false, false, () => `waiting for "${trigger.event}"`);
  if (event.event !== trigger.event) return result(moment, false, false, () => `"${event.event}" is not "${trigger.event}"`);
  if (trigger.where !== undefined && !moment.matches(trigger.where)) {
    return result(moment, false, false, () => `"${trigger.event}" did not match the filter`);
  }
  return result(moment, true, true, () => `"${trigger.event}" happened`);
}
