import type { Playbook, ValidationProblem } from '../../dsl/types';
import { fieldProblem } from '../problem';
import { filterConfigIssues } from './filter-config';

/** missing_config on the trigger: it needs an event name, and its filter's rules need values. */
export function checkTriggerConfig(playbook: Playbook): ValidationProblem[] {
  const { trigger } = playbook;
  const problems: ValidationProblem[] = [];
  if (trigger.event.trim() === '') problems.push(fieldProblem('missing_config', ['trigger', 'event'], 'choose the event that starts the playbook'));
  if (trigger.where) {
    for (const issue of filterConfigIssues(trigger.where, ['trigger', 'where'], 'allow')) {
      problems.push(fieldProblem('missing_config', issue.path, issue.message));
    }
  }
  return problems;
}
