import type { ActionStep, Assignees, BusinessHours, Step } from '../dsl/types';
import { formatDuration } from '../duration';
import { describeFilter, MAX_DESCRIPTION_LENGTH, truncate } from '../filters/describe-filter';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function describeDays(days: number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const isRun = sorted.length > 2 && sorted.every((day, position) => position === 0 || day === sorted[position - 1]! + 1);
  if (isRun) return `${DAY_NAMES[sorted[0]!]}–${DAY_NAMES[sorted[sorted.length - 1]!]}`;
  return sorted.map((day) => DAY_NAMES[day] ?? '?').join(', ');
}

function describeBusinessHours(hours: BusinessHours): string {
  const zone = hours.timeZone ? ` ${hours.timeZone}` : '';
  return `${describeDays(hours.days)} ${hours.startHour}:00–${hours.endHour}:00${zone}`;
}

function describeAssignees(assignees: Assignees): string {
  const parts = [
    ...(assignees.roles ?? []).map((role) => `role ${role}`),
    ...(assignees.users ?? []),
  ];
  return parts.length > 0 ? parts.join(', ') : 'nobody yet';
}

function describeAction(step: ActionStep): string {
  const subject = step.input['subject'];
  if (step.connector === 'email' && step.action === 'send') {
    return typeof subject === 'string' && subject !== '' ? `Send email: ${subject}` : 'Send email';
  }
  if (step.connector === '' || step.action === '') return 'Action (not configured)';
  return `${step.connector}: ${step.action}`;
}

function describe(step: Step): string {
  switch (step.kind) {
    case 'condition':
      return `If ${describeFilter(step.when)}`;
    case 'split':
      return `Split ${step.variants.map((variant) => `${variant.port} ${variant.percent}%`).join(' / ')}`;
    case 'wait': {
      const hours = step.until ? `business hours (${describeBusinessHours(step.until)})` : undefined;
      if (step.for && hours) return `Wait ${formatDuration(step.for)}, then until ${hours}`;
      if (step.for) return `Wait ${formatDuration(step.for)}`;
      return hours ? `Wait until ${hours}` : 'Wait (not configured)';
    }
    case 'waitForEvent':
      return `Wait for "${step.event.name}" (up to ${formatDuration(step.timeout)})`;
    case 'score':
      if (step.adjust === undefined) return `Score with ${step.model}`;
      return `Adjust ${step.model} score by ${step.adjust >= 0 ? '+' : ''}${step.adjust}`;
    case 'approval':
      return `Approval by ${describeAssignees(step.assignees)} (${formatDuration(step.timeout)}, then ${step.onTimeout})`;
    case 'action':
      return describeAction(step);
    case 'parallel':
      return 'Run branches in parallel';
    case 'join':
      return 'Wait for all branches';
    case 'end':
      return 'End';
  }
}

/** Short text for a node's key setting: "Wait 2 days", "If plan = pro", "Send email: {{subject}}". */
export function describeStep(step: Step): string {
  return truncate(describe(step), MAX_DESCRIPTION_LENGTH);
}
