import type { Trigger } from '@tripline/playbook';
import { evaluateCrmChange } from './leaves/crm';
import { evaluateBaselineRatio, evaluateGrowth } from './leaves/daily-metric';
import { evaluateEventLeaf } from './leaves/event';
import { evaluateScoreThreshold, evaluateTierChange } from './leaves/score';
import { evaluateInactivity, evaluateRelativeDate, evaluateSchedule } from './leaves/time';
import { evaluateDistinctUsers, evaluateEventCount, evaluatePropertySum } from './leaves/window';
import { momentOf, result, type Moment } from './moment';
import type { TriggerInput, TriggerResult } from './types';

function evaluateAt(trigger: Trigger, moment: Moment): TriggerResult {
  switch (trigger.kind) {
    case 'event':
      return evaluateEventLeaf(trigger, moment);
    case 'scoreThreshold':
      return evaluateScoreThreshold(trigger, moment);
    case 'tierChange':
      return evaluateTierChange(trigger, moment);
    case 'eventCount':
      return evaluateEventCount(trigger, moment);
    case 'distinctUsers':
      return evaluateDistinctUsers(trigger, moment);
    case 'propertySum':
      return evaluatePropertySum(trigger, moment);
    case 'baselineRatio':
      return evaluateBaselineRatio(trigger, moment);
    case 'growth':
      return evaluateGrowth(trigger, moment);
    case 'inactivity':
      return evaluateInactivity(trigger, moment);
    case 'schedule':
      return evaluateSchedule(trigger, moment);
    case 'relativeDate':
      return evaluateRelativeDate(trigger, moment);
    case 'crmChange':
      return evaluateCrmChange(trigger, moment);
    case 'all': {
      // Every child holds, and this moment made one of them true: the last condition to be met fires it.
      const needHolds = moment.needHolds;
      moment.needHolds = true;
      const children = trigger.triggers.map((child) => evaluateAt(child, moment));
      moment.needHolds = needHolds;
      const holds = children.length > 0 && children.every((child) => child.holds);
      return result(moment, holds, holds && children.some((child) => child.fired), () => `all of: ${children.map((child) => child.reason).join('; ')}`);
    }
    case 'any': {
      const children = trigger.triggers.map((child) => evaluateAt(child, moment));
      const fired = children.filter((child) => child.fired);
      const shown = fired.length > 0 ? fired : children;
      return result(moment, children.some((child) => child.holds), fired.length > 0, () => `any of: ${shown.map((child) => child.reason).join('; ')}`);
    }
  }
}

export interface EvaluateOptions {
  /** Write `reason` (default true). Backtests turn it off: they only read `fired`, and words cost time. */
  explain?: boolean;
  /** Only `fired` is read: `holds` may then be false although the condition holds (default false). */
  firedOnly?: boolean;
}

/**
 * Whether `trigger` fires for one subject at one moment (an event or a tick; see TriggerInput), and
 * why, in words. Pure: the caller loads what the trigger's kinds read (triggerProfile() says which).
 */
export function evaluateTrigger(trigger: Trigger, input: TriggerInput, options: EvaluateOptions = {}): TriggerResult {
  return evaluateAt(trigger, momentOf(input, options.explain ?? true, options.firedOnly !== true));
}
