import type { Filter } from '../../dsl/types';
import { isFilterGroup } from '../../filters/evaluate-filter';
import { ruleProblem } from '../../filters/rule-value';

export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Unfinished parts of a filter: rules without a property or a fitting value and, when
 * `emptyGroups` is 'refuse', groups with nothing in them (a condition that tests nothing).
 */
export function filterConfigIssues(filter: Filter, path: (string | number)[], emptyGroups: 'allow' | 'refuse'): FieldIssue[] {
  if (!isFilterGroup(filter)) {
    const problem = ruleProblem(filter);
    return problem ? [{ path, message: problem }] : [];
  }
  const key = 'all' in filter ? 'all' : 'any';
  const children = 'all' in filter ? filter.all : filter.any;
  if (children.length === 0) {
    return emptyGroups === 'refuse' ? [{ path: [...path, key], message: 'the condition has no rules yet' }] : [];
  }
  return children.flatMap((child, index) => filterConfigIssues(child, [...path, key, index], emptyGroups));
}
