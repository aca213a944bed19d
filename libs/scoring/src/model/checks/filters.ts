import { isFilterGroup, ruleProblem, type Filter } from '@tripline/playbook';
import type { ScoringModelProblem } from '../types';
import { modelProblem } from '../problem';

/** Unfinished filter rules (no property, a missing or wrongly shaped value): they would never match. */
export function filterProblems(filter: Filter, path: (string | number)[]): ScoringModelProblem[] {
  if (!isFilterGroup(filter)) {
    const problem = ruleProblem(filter);
    return problem ? [modelProblem('missing_config', path, problem)] : [];
  }
  const key = 'all' in filter ? 'all' : 'any';
  const children = 'all' in filter ? filter.all : filter.any;
  return children.flatMap((child, index) => filterProblems(child, [...path, key, index]));
}
