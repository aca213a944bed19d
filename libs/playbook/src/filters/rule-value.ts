import type { FilterRule, Scalar } from '../dsl/types';
import { asInstant, asNumber } from './compare';
import { operatorInfo } from './operators';

const isScalar = (value: unknown): value is Scalar =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/**
 * What is wrong with a rule's property/operator/value combination, or undefined when it can be
 * evaluated. The evaluator treats a rule with a problem as false; validate() reports it.
 */
export function ruleProblem(rule: FilterRule): string | undefined {
  if (typeof rule.property !== 'string' || rule.property === '') return 'choose a property';
  const info = operatorInfo(rule.operator);
  if (!info) return `"${String(rule.operator)}" is not an operator`;
  const { value } = rule;
  const name = `"${rule.property}" ${info.label}`;
  switch (info.value) {
    case 'none':
      return undefined;
    case 'list':
      if (!Array.isArray(value) || value.length === 0) return `${name} needs a list of at least one value`;
      if (!value.every(isScalar)) return `${name} needs a list of text, numbers or true/false`;
      return undefined;
    case 'single':
      if (value === undefined) return `${name} needs a value`;
      if (!isScalar(value)) return `${name} needs a single value, not a list`;
      if (['gt', 'gte', 'lt', 'lte'].includes(rule.operator) && asNumber(value) === undefined && asInstant(value) === undefined) {
        return `${name} needs a number or an ISO date (e.g. 2025-01-31)`;
      }
      if (['contains', 'notContains', 'startsWith', 'endsWith'].includes(rule.operator) && (value === '' || (typeof value !== 'string' && typeof value !== 'number'))) {
        return `${name} needs some text`;
      }
      return undefined;
  }
}
