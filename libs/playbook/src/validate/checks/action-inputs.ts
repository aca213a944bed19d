import type { ActionStep } from '../../dsl/types';
import type { FieldIssue } from './filter-config';

interface RequiredInputs {
  /** Inputs that must all be given. */
  all: string[];
  /** Groups of inputs of which at least one must be given. */
  oneOf?: string[][];
}

/**
 * Inputs a known connector action cannot run without, checked at design time so a playbook is not
 * published with an email that has no recipient. The connector re-checks the rendered values.
 */
export const REQUIRED_ACTION_INPUTS: Record<string, RequiredInputs> = {
  'email.send': { all: ['to', 'subject'], oneOf: [['text', 'html']] },
};

function isGiven(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export function actionInputIssues(step: ActionStep, path: (string | number)[]): FieldIssue[] {
  const required = Object.prototype.hasOwnProperty.call(REQUIRED_ACTION_INPUTS, `${step.connector}.${step.action}`)
    ? REQUIRED_ACTION_INPUTS[`${step.connector}.${step.action}`]!
    : undefined;
  if (!required) return [];
  const given = (name: string) => Object.prototype.hasOwnProperty.call(step.input, name) && isGiven(step.input[name]);
  const issues: FieldIssue[] = [];
  for (const name of required.all) {
    if (!given(name)) issues.push({ path: [...path, 'input', name], message: `${step.connector}.${step.action} needs input "${name}"` });
  }
  for (const group of required.oneOf ?? []) {
    if (!group.some(given)) {
      issues.push({
        path: [...path, 'input', group[0]!],
        message: `${step.connector}.${step.action} needs ${group.map((name) => `"${name}"`).join(' or ')}`,
      });
    }
  }
  return issues;
}
