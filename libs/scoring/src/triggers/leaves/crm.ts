import { evaluateFilter, type CrmChangeTrigger, type EvaluationContext, type Scalar } from '@tripline/playbook';
import { result, type Moment } from '../moment';
import type { CrmChange, TriggerResult } from '../types';

const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key);

/** Equality as filters see it (case-insensitive text, numeric strings as numbers): one meaning of "equals". */
function sameValue(actual: unknown, expected: Scalar): boolean {
  return evaluateFilter({ property: 'event.properties.value', operator: 'eq', value: expected }, { event: { name: 'compare', properties: { value: actual } } });
}

/** The context a CRM trigger's `where` reads: the changed record as event.properties, and its person / account. */
export function crmContextOf(change: CrmChange, moment: Moment): EvaluationContext {
  const context: EvaluationContext = { event: { name: `${change.object} changed`, properties: change.record } };
  if (moment.input.person) context.person = moment.input.person;
  if (moment.input.account) context.account = moment.input.account;
  return context;
}

/** A CRM field changing on a record of the object, optionally from / to given values, filtered by `where`. */
export function evaluateCrmChange(trigger: CrmChangeTrigger, moment: Moment): TriggerResult {
  const change = moment.input.crmChange;
  const label = `${trigger.object} ${trigger.field}`;
  if (!change || change.object !== trigger.object) return result(moment, false, false, () => `waiting for a ${trigger.object} change`);
  if (!hasOwn(change.changes, trigger.field)) return result(moment, false, false, () => `${label} did not change`);
  const { from, to } = change.changes[trigger.field]!;
  const text = `${label} ${String(from)} → ${String(to)}`;
  if (trigger.to !== undefined && !sameValue(to, trigger.to)) return result(moment, false, false, () => `${text}, not to ${String(trigger.to)}`);
  if (trigger.from !== undefined && !sameValue(from, trigger.from)) return result(moment, false, false, () => `${text}, not from ${String(trigger.from)}`);
  if (trigger.where !== undefined && !evaluateFilter(trigger.where, crmContextOf(change, moment))) return result(moment, false, false, () => `${text} did not match the filter`);
  return result(moment, true, true, () => text);
}
