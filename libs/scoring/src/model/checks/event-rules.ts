import type { EventScoringModel, ScoringModelProblem } from '../types';
import { modelProblem } from '../problem';
import { filterProblems } from './filters';

/** Each rule names an event, its filter is complete, and points × weight is a usable number. */
export function eventRuleProblems(model: EventScoringModel): ScoringModelProblem[] {
  const problems: ScoringModelProblem[] = [];
  if (model.rules.length === 0) problems.push(modelProblem('missing_config', ['rules'], 'add at least one rule'));
  model.rules.forEach((rule, index) => {
    const path = ['rules', index];
    if (rule.event.trim() === '') problems.push(modelProblem('missing_config', [...path, 'event'], 'choose the event this rule scores'));
    if (rule.where !== undefined) problems.push(...filterProblems(rule.where, [...path, 'where']));
    const scored = rule.points * rule.weight;
    if (!Number.isFinite(scored)) {
      problems.push(modelProblem('points', [...path, 'points'], `points × weight (${rule.points} × ${rule.weight}) is too large to score with`));
    }
  });
  return problems;
}
