/**
 * Evaluates a structured filter against a run's context. Pure and deterministic (safe inside a
 * Temporal workflow); nothing a user writes is executed. Comparison rules are in ./compare.ts:
 * text is case-insensitive, numeric strings compare as numbers, ISO dates order as instants.
 *
 * Missing properties: `exists` is false for undefined, null and ""; eq/gt/contains/... are false;
 * the negated operators (neq, notContains, notIn, notExists) are exactly the negation of their
 * positive form, so a missing property is "not equal" to anything. A rule that cannot be evaluated
 * (no property, missing or wrongly shaped value) is false whatever its operator.
 */
import type { EvaluationContext, Filter, FilterGroup, FilterRule, Scalar } from '../dsl/types';
import { asText, isNullish, orderValues, valuesEqual } from './compare';
import { readPropertyPath } from './property-path';
import { ruleProblem } from './rule-value';

/** Deeper filters than this are refused (the schema already caps documents well below it). */
export const MAX_FILTER_DEPTH = 64;

export function isFilterGroup(filter: Filter): filter is FilterGroup {
  return typeof filter === 'object' && filter !== null && ('all' in filter || 'any' in filter);
}

function containsValue(actual: unknown, expected: Scalar): boolean {
  if (Array.isArray(actual)) return actual.some((element) => valuesEqual(element, expected));
  const haystack = asText(actual);
  const needle = asText(expected);
  return haystack !== undefined && needle !== undefined && haystack.includes(needle);
}

function isIn(actual: unknown, list: Scalar[]): boolean {
  if (Array.isArray(actual)) return actual.some((element) => list.some((expected) => valuesEqual(element, expected)));
  return list.some((expected) => valuesEqual(actual, expected));
}

function affix(actual: unknown, expected: Scalar, test: (text: string, part: string) => boolean): boolean {
  const text = asText(actual);
  const part = asText(expected);
  return text !== undefined && part !== undefined && test(text, part);
}

function evaluateRule(rule: FilterRule, context: EvaluationContext): boolean {
  if (ruleProblem(rule) !== undefined) return false;
  const actual = readPropertyPath(context, rule.property);
  const value = rule.value as Scalar;
  const list = rule.value as Scalar[];
  switch (rule.operator) {
    case 'exists':
      return !isNullish(actual) && actual !== '';
    case 'notExists':
      return isNullish(actual) || actual === '';
    case 'eq':
      return valuesEqual(actual, value);
    case 'neq':
      return !valuesEqual(actual, value);
    case 'gt':
      return orderValues(actual, value) === 1;
    case 'gte': {
      const order = orderValues(actual, value);
      return order === 1 || order === 0;
    }
    case 'lt':
      return orderValues(actual, value) === -1;
    case 'lte': {
      const order = orderValues(actual, value);
      return order === -1 || order === 0;
    }
    case 'contains':
      return containsValue(actual, value);
    case 'notContains':
      return !containsValue(actual, value);
    case 'startsWith':
      return affix(actual, value, (text, part) => text.startsWith(part));
    case 'endsWith':
      return affix(actual, value, (text, part) => text.endsWith(part));
    case 'in':
      return isIn(actual, list);
    case 'notIn':
      return !isIn(actual, list);
  }
}

function evaluateAt(filter: Filter, context: EvaluationContext, depth: number): boolean {
  if (depth > MAX_FILTER_DEPTH) throw new Error(`filter is nested deeper than ${MAX_FILTER_DEPTH} levels`);
  if (!isFilterGroup(filter)) return evaluateRule(filter, context);
  // Defensive about shape: this may be handed a filter that never went through the schema.
  if ('all' in filter) return Array.isArray(filter.all) && filter.all.every((child) => evaluateAt(child, context, depth + 1));
  return Array.isArray(filter.any) && filter.any.some((child) => evaluateAt(child, context, depth + 1));
}

/** True when `context` satisfies `filter`. An empty `all` is true; an empty `any` is false. */
export function evaluateFilter(filter: Filter, context: EvaluationContext): boolean {
  return evaluateAt(filter, context, 0);
}
