import type { ApprovalStep, Assignees, NodeId, Playbook, SplitStep, Step, ValidationProblem, WaitStep } from '../../dsl/types';
import { isTimeZone } from '../../schedule/zoned-time';
import { nodeProblem } from '../problem';
import { actionInputIssues } from './action-inputs';
import { type FieldIssue, filterConfigIssues } from './filter-config';

const isEmpty = (text: string) => text.trim() === '';
const hasAssignees = (assignees: Assignees) => (assignees.users?.length ?? 0) + (assignees.roles?.length ?? 0) > 0;

function splitIssues(step: SplitStep, path: (string | number)[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (step.variants.length < 2) issues.push({ path: [...path, 'variants'], message: 'a split needs at least two variants' });
  const total = step.variants.reduce((sum, variant) => sum + variant.percent, 0);
  if (step.variants.length > 0 && total !== 100) {
    issues.push({ path: [...path, 'variants'], message: `variant percentages add up to ${total}, not 100` });
  }
  const seen = new Set<string>();
  step.variants.forEach((variant, index) => {
    if (seen.has(variant.port)) issues.push({ path: [...path, 'variants', index, 'port'], message: `variant port "${variant.port}" is used twice` });
    seen.add(variant.port);
  });
  return issues;
}

function waitIssues(step: WaitStep, path: (string | number)[]): FieldIssue[] {
  if (!step.for && !step.until) return [{ path, message: 'a wait needs a duration ("for") or business hours ("until")' }];
  const hours = step.until;
  if (!hours) return [];
  const issues: FieldIssue[] = [];
  if (hours.days.length === 0) issues.push({ path: [...path, 'until', 'days'], message: 'business hours need at least one day' });
  if (hours.endHour <= hours.startHour) {
    issues.push({ path: [...path, 'until', 'endHour'], message: `business hours end (${hours.endHour}:00) must be after they start (${hours.startHour}:00)` });
  }
  if (hours.timeZone !== undefined && !isTimeZone(hours.timeZone)) {
    issues.push({ path: [...path, 'until', 'timeZone'], message: `"${hours.timeZone}" is not a time zone: write an IANA name such as "Europe/Berlin"` });
  }
  return issues;
}

function approvalIssues(step: ApprovalStep, path: (string | number)[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!hasAssignees(step.assignees)) issues.push({ path: [...path, 'assignees'], message: 'an approval needs at least one user or role to decide' });
  if (step.escalateTo && !hasAssignees(step.escalateTo)) {
    issues.push({ path: [...path, 'escalateTo'], message: 'escalateTo names nobody; add a user or role, or remove it' });
  }
  return issues;
}

function stepIssues(step: Step, path: (string | number)[]): FieldIssue[] {
  switch (step.kind) {
    case 'condition':
      return filterConfigIssues(step.when, [...path, 'when'], 'refuse');
    case 'split':
      return splitIssues(step, path);
    case 'wait':
      return waitIssues(step, path);
    case 'waitForEvent':
      return [
        ...(isEmpty(step.event.name) ? [{ path: [...path, 'event', 'name'], message: 'choose the event to wait for' }] : []),
        ...(step.event.where ? filterConfigIssues(step.event.where, [...path, 'event', 'where'], 'allow') : []),
      ];
    case 'score':
      return isEmpty(step.model) ? [{ path: [...path, 'model'], message: 'choose a scoring model' }] : [];
    case 'approval':
      return approvalIssues(step, path);
    case 'action': {
      const missing: FieldIssue[] = [];
      if (isEmpty(step.connector)) missing.push({ path: [...path, 'connector'], message: 'choose a connector' });
      if (isEmpty(step.action)) missing.push({ path: [...path, 'action'], message: 'choose an action' });
      if (isEmpty(step.connection)) missing.push({ path: [...path, 'connection'], message: 'choose a connection' });
      return [...missing, ...actionInputIssues(step, path)];
    }
    case 'parallel':
    case 'join':
    case 'end':
      return [];
  }
}

/** missing_config: settings a node cannot run without (see stepIssues for each kind). */
export function checkNodeConfig(playbook: Playbook): ValidationProblem[] {
  return Object.entries(playbook.nodes).flatMap(([nodeId, step]: [NodeId, Step]) =>
    stepIssues(step, ['nodes', nodeId]).map((issue) => nodeProblem('missing_config', nodeId, issue.message, issue.path)),
  );
}
