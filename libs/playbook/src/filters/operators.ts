import type { FilterOperator } from '../dsl/types';

/** What a rule's `value` must be for an operator: nothing, one scalar, or a list of scalars. */
export type OperatorValueKind = 'none' | 'single' | 'list';

export interface FilterOperatorInfo {
  operator: FilterOperator;
  /** Words for the condition builder's operator menu (HubSpot's filter wording). */
  label: string;
  /** Compact form used by describeFilter(). */
  symbol: string;
  value: OperatorValueKind;
  needsValue: boolean;
}

const info = (operator: FilterOperator, label: string, symbol: string, value: OperatorValueKind): FilterOperatorInfo => ({
  operator,
  label,
  symbol,
  value,
  needsValue: value !== 'none',
});

/** Every operator, in the order the designer lists them. */
export const FILTER_OPERATORS: readonly FilterOperatorInfo[] = [
  info('eq', 'is equal to', '=', 'single'),
  info('neq', 'is not equal to', '≠', 'single'),
  info('gt', 'is greater than', '>', 'single'),
  info('gte', 'is greater than or equal to', '≥', 'single'),
  info('lt', 'is less than', '<', 'single'),
  info('lte', 'is less than or equal to', '≤', 'single'),
  info('contains', 'contains', 'contains', 'single'),
  info('notContains', 'does not contain', 'does not contain', 'single'),
  info('startsWith', 'starts with', 'starts with', 'single'),
  info('endsWith', 'ends with', 'ends with', 'single'),
  info('in', 'is any of', 'in', 'list'),
  info('notIn', 'is none of', 'not in', 'list'),
  info('exists', 'is known', 'is known', 'none'),
  info('notExists', 'is unknown', 'is unknown', 'none'),
];

const BY_OPERATOR = new Map(FILTER_OPERATORS.map((entry) => [entry.operator, entry]));

/** The table entry of an operator; undefined for anything that is not a FilterOperator. */
export function operatorInfo(operator: string): FilterOperatorInfo | undefined {
  return BY_OPERATOR.get(operator as FilterOperator);
}
