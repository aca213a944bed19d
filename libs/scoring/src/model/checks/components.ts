import type { ComponentScoringModel, ScoringModelProblem } from '../types';
import { modelProblem } from '../problem';
import { filterProblems } from './filters';

const WEIGHT_TOLERANCE = 1e-9;

/** The component model is normalised to 0–100 by its weights, so they must add up to exactly 100. */
export function componentProblems(model: ComponentScoringModel): ScoringModelProblem[] {
  const problems: ScoringModelProblem[] = [];
  if (model.components.length === 0) {
    problems.push(modelProblem('missing_config', ['components'], 'add at least one component'));
    return problems;
  }
  model.components.forEach((component, index) => {
    const metric = component.metric;
    if ('where' in metric && metric.where !== undefined) problems.push(...filterProblems(metric.where, ['components', index, 'metric', 'where']));
  });
  const sum = model.components.reduce((total, component) => total + component.weight, 0);
  if (Math.abs(sum - 100) > WEIGHT_TOLERANCE) {
    const shown = Number(sum.toFixed(6));
    problems.push(modelProblem('weights_sum', ['components'], `component weights must sum to 100, but they sum to ${shown}`));
  }
  return problems;
}
