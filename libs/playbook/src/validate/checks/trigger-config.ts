import type { DailyMetric, Filter, Playbook, Trigger, ValidationProblem } from '../../dsl/types';
import { cronProblem } from '../../triggers/cron';
import { fieldProblem } from '../problem';
import { filterConfigIssues, type FieldIssue } from './filter-config';

type Path = (string | number)[];

const blank = (text: string | undefined): boolean => text === undefined || text.trim() === '';

function whereIssues(where: Filter | undefined, path: Path): FieldIssue[] {
  return where ? filterConfigIssues(where, [...path, 'where'], 'allow') : [];
}

function eventIssue(event: string, path: Path, message = 'choose the event to count'): FieldIssue[] {
  return blank(event) ? [{ path: [...path, 'event'], message }] : [];
}

function metricIssues(metric: DailyMetric, path: Path): FieldIssue[] {
  const at = [...path, 'metric'];
  const issues: FieldIssue[] = [];
  if (metric.kind === 'eventCount' && blank(metric.event)) issues.push({ path: [...at, 'event'], message: 'choose the event to count each day' });
  if (metric.kind === 'activeUsers' && metric.event !== undefined && blank(metric.event)) {
    issues.push({ path: [...at, 'event'], message: 'choose an event, or leave it out to count people active with any event' });
  }
  return [...issues, ...whereIssues(metric.where, at)];
}

/** Unfinished or contradictory settings of one trigger, composites walked to the leaves. */
function triggerIssues(trigger: Trigger, path: Path): FieldIssue[] {
  switch (trigger.kind) {
    case 'event':
      return [...eventIssue(trigger.event, path, 'choose the event that starts the playbook'), ...whereIssues(trigger.where, path)];
    case 'scoreThreshold':
      return blank(trigger.model) ? [{ path: [...path, 'model'], message: 'choose the scoring model' }] : [];
    case 'tierChange': {
      const issues: FieldIssue[] = blank(trigger.model) ? [{ path: [...path, 'model'], message: 'choose the scoring model' }] : [];
      if (trigger.to !== undefined && blank(trigger.to)) issues.push({ path: [...path, 'to'], message: 'choose a tier, or leave it out for any tier' });
      if (trigger.from !== undefined && blank(trigger.from)) issues.push({ path: [...path, 'from'], message: 'choose a tier, or leave it out for any tier' });
      if (trigger.to !== undefined && trigger.to === trigger.from) issues.push({ path: [...path, 'to'], message: `"from" and "to" are the same tier, so it never changes` });
      return issues;
    }
    case 'eventCount':
      return [...eventIssue(trigger.event, path), ...whereIssues(trigger.where, path)];
    case 'distinctUsers': {
      const issues = [...eventIssue(trigger.event, path), ...whereIssues(trigger.where, path)];
      const { perUser } = trigger;
      if (perUser && perUser.withinDays > trigger.withinDays) {
        issues.push({ path: [...path, 'perUser', 'withinDays'], message: `a power user's ${perUser.withinDays} days must fit in the ${trigger.withinDays}-day window` });
      }
      if (perUser && perUser.event !== undefined && blank(perUser.event)) {
        issues.push({ path: [...path, 'perUser', 'event'], message: 'choose the event a power user repeats, or leave it out to use the same event' });
      }
      return issues;
    }
    case 'propertySum': {
      const issues = [...eventIssue(trigger.event, path), ...whereIssues(trigger.where, path)];
      if (blank(trigger.property)) issues.push({ path: [...path, 'property'], message: 'choose the numeric property to add up' });
      return issues;
    }
    case 'baselineRatio': {
      const issues = metricIssues(trigger.metric, path);
      if ('trait' in trigger.baseline && blank(trigger.baseline.trait)) issues.push({ path: [...path, 'baseline', 'trait'], message: 'choose the trait that holds the baseline' });
      return issues;
    }
    case 'growth':
      return metricIssues(trigger.metric, path);
    case 'inactivity':
      return trigger.event !== undefined && blank(trigger.event)
        ? [{ path: [...path, 'event'], message: 'choose an event, or leave it out to count any activity' }]
        : [];
    case 'schedule': {
      const problem = cronProblem(trigger.cron, trigger.timeZone);
      return problem ? [{ path: [...path, 'cron'], message: problem }] : [];
    }
    case 'relativeDate': {
      const issues: FieldIssue[] = blank(trigger.trait) ? [{ path: [...path, 'trait'], message: 'choose the date trait to count from' }] : [];
      if (trigger.toDays < trigger.fromDays) issues.push({ path: [...path, 'toDays'], message: `toDays (${trigger.toDays}) is before fromDays (${trigger.fromDays})` });
      return issues;
    }
    case 'crmChange': {
      const issues: FieldIssue[] = blank(trigger.field) ? [{ path: [...path, 'field'], message: `choose the ${trigger.object} field to watch` }] : [];
      if (trigger.to !== undefined && trigger.from !== undefined && trigger.to === trigger.from) {
        issues.push({ path: [...path, 'to'], message: '"from" and "to" are the same value, so it never changes' });
      }
      return [...issues, ...whereIssues(trigger.where, path)];
    }
    case 'all':
    case 'any':
      if (trigger.triggers.length === 0) return [{ path: [...path, 'triggers'], message: 'add at least one trigger to the group' }];
      return trigger.triggers.flatMap((child, index) => triggerIssues(child, [...path, 'triggers', index]));
  }
}

/** missing_config on the trigger (path starting with "trigger"): every unfinished setting, composites included. */
export function checkTriggerConfig(playbook: Playbook): ValidationProblem[] {
  return triggerIssues(playbook.trigger, ['trigger']).map((issue) => fieldProblem('missing_config', issue.path, issue.message));
}
