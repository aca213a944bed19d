import type { DailyMetric, Playbook, Trigger } from '../dsl/types';
import { validate } from '../validate/validate';
import type { ThresholdField } from './contract';

/** A threshold field with the words a diff summary uses for it. */
export interface NamedThresholdField extends ThresholdField {
  /** Lower-case name for summaries: "score threshold", "window in days". */
  name: string;
  /** Where the leaf trigger sits: '' for the root trigger, '#2' for a composite's second child, '#2.1' deeper. */
  position: string;
}

/** Refused by withThreshold: the path is not a threshold, the value is not a number, or the result is invalid. */
export class ThresholdChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThresholdChangeError';
  }
}

interface FieldSpec {
  /** Path relative to the leaf trigger. */
  field: string;
  name: string;
  value: number | undefined;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const metricContext = (metric: DailyMetric): string =>
  metric.kind === 'activeUsers' ? (metric.event === undefined ? 'active users' : `users doing ${metric.event}`) : `${metric.event ?? 'events'} count`;

/** The numeric fields of one non-composite trigger, and what the label says it is about. */
function leafFields(trigger: Trigger): { context: string; specs: FieldSpec[] } {
  switch (trigger.kind) {
    case 'scoreThreshold':
      return {
        context: `${trigger.model}, ${trigger.direction === 'up' ? 'upward' : 'downward'}`,
        specs: [{ field: 'threshold', name: 'score threshold', value: trigger.threshold }],
      };
    case 'eventCount':
      return {
        context: trigger.event,
        specs: [
          { field: 'atLeast', name: 'minimum count', value: trigger.atLeast },
          { field: 'withinDays', name: 'window in days', value: trigger.withinDays },
        ],
      };
    case 'distinctUsers':
      return {
        context: trigger.event,
        specs: [
          { field: 'atLeast', name: 'minimum people', value: trigger.atLeast },
          { field: 'withinDays', name: 'window in days', value: trigger.withinDays },
          { field: 'perUser.atLeast', name: 'power-user minimum count', value: trigger.perUser?.atLeast },
          { field: 'perUser.withinDays', name: 'power-user window in days', value: trigger.perUser?.withinDays },
        ],
      };
    case 'propertySum':
      return {
        context: `${trigger.property} on ${trigger.event}`,
        specs: [
          { field: 'atLeast', name: 'minimum sum', value: trigger.atLeast },
          { field: 'withinDays', name: 'window in days', value: trigger.withinDays },
        ],
      };
    case 'baselineRatio':
      return {
        context: metricContext(trigger.metric),
        specs: [
          { field: 'percent', name: 'percent of baseline', value: trigger.percent },
          { field: 'consecutiveDays', name: 'consecutive days', value: trigger.consecutiveDays },
          { field: 'baseline.value', name: 'baseline value', value: 'value' in trigger.baseline ? trigger.baseline.value : undefined },
        ],
      };
    case 'growth':
      return {
        context: `${metricContext(trigger.metric)}, ${trigger.period} over ${trigger.period}`,
        specs: [{ field: 'percent', name: 'growth percent', value: trigger.percent }],
      };
    case 'inactivity':
      return { context: trigger.event ?? 'any activity', specs: [{ field: 'days', name: 'inactive days', value: trigger.days }] };
    case 'relativeDate':
      return {
        context: trigger.trait,
        specs: [
          { field: 'fromDays', name: 'from days', value: trigger.fromDays },
          { field: 'toDays', name: 'to days', value: trigger.toDays },
        ],
      };
    default:
      // event, tierChange, schedule, crmChange: nothing numeric to tune. Composites are handled by collect().
      return { context: '', specs: [] };
  }
}

function collect(trigger: Trigger, path: string, position: string, out: NamedThresholdField[]): void {
  if (trigger.kind === 'all' || trigger.kind === 'any') {
    trigger.triggers.forEach((child, index) => {
      const childPosition = position === '' ? `#${index + 1}` : `${position}.${index + 1}`;
      collect(child, `${path}.triggers.${index}`, childPosition, out);
    });
    return;
  }
  const { context, specs } = leafFields(trigger);
  for (const spec of specs) {
    if (typeof spec.value !== 'number') continue;
    const where = position === '' ? '' : `Trigger ${position}: `;
    out.push({ path: `${path}.${spec.field}`, label: `${where}${capitalise(spec.name)} (${context})`, value: spec.value, name: spec.name, position });
  }
}

/** thresholdFields with each field's summary name and position (diffPlaybooks uses these). */
export function namedThresholdFields(trigger: Trigger): NamedThresholdField[] {
  const out: NamedThresholdField[] = [];
  collect(trigger, 'trigger', '', out);
  return out;
}

/**
 * Every numeric "how much" field of a playbook's trigger that a `changeThreshold` request may
 * change, composites included ("trigger.triggers.1.atLeast"), with its current value. Optional
 * fields appear only when set (a perUser rule, a fixed baseline value).
 */
export function thresholdFields(trigger: Trigger): ThresholdField[] {
  return namedThresholdFields(trigger).map(({ path, label, value }) => ({ path, label, value }));
}

function setAtPath(root: Record<string, unknown>, path: string, value: number): void {
  const segments = path.split('.');
  let container: Record<string, unknown> = root;
  for (const segment of segments.slice(0, -1)) container = container[segment] as Record<string, unknown>;
  container[segments[segments.length - 1]!] = value;
}

/**
 * A copy of `playbook` with one threshold field set to `value` (the original is never changed).
 * Throws ThresholdChangeError when `path` is not one of thresholdFields(playbook.trigger), when
 * `value` is not a finite number, or when the result fails validate() (e.g. a count of 2.5).
 */
export function withThreshold(playbook: Playbook, path: string, value: number): Playbook {
  const fields = thresholdFields(playbook.trigger);
  const field = fields.find((candidate) => candidate.path === path);
  if (field === undefined) {
    const known = fields.length === 0 ? 'this trigger has none' : `one of: ${fields.map((candidate) => candidate.path).join(', ')}`;
    throw new ThresholdChangeError(`"${path}" is not a threshold of this playbook's trigger (${known})`);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ThresholdChangeError(`${path}: the new value must be a finite number, got ${String(value)}`);
  }
  // Playbooks are JSON documents: a JSON round trip is a deep copy that works in every runtime.
  const changed = JSON.parse(JSON.stringify(playbook)) as Playbook;
  setAtPath(changed as unknown as Record<string, unknown>, path, value);
  const result = validate(changed);
  if (!result.ok) {
    const problems = result.problems.map((problem) => problem.message).join('; ');
    throw new ThresholdChangeError(`${path} = ${value} would make the playbook invalid: ${problems}`);
  }
  return changed;
}
