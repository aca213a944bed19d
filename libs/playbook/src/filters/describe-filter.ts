import type { Filter, FilterRule, Scalar } from '../dsl/types';
import { isFilterGroup } from './evaluate-filter';
import { operatorInfo } from './operators';

/** Prefixes dropped for brevity: "person.traits.plan" reads as "plan". */
const SHORT_PREFIXES = ['event.properties.', 'person.traits.', 'account.traits.'];
const MAX_VALUE_LENGTH = 40;
export const MAX_DESCRIPTION_LENGTH = 140;

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function shortProperty(property: string): string {
  const prefix = SHORT_PREFIXES.find((candidate) => property.startsWith(candidate) && property.length > candidate.length);
  return prefix ? property.slice(prefix.length) : property || '?';
}

function formatScalar(value: Scalar): string {
  if (value === null) return 'empty';
  if (typeof value !== 'string') return String(value);
  const short = truncate(value, MAX_VALUE_LENGTH);
  return value === '' || /\s/.test(value) ? `"${short}"` : short;
}

function describeRule(rule: FilterRule): string {
  const info = operatorInfo(rule.operator);
  const property = shortProperty(rule.property);
  if (!info) return `${property} ?`;
  if (info.value === 'none') return `${property} ${info.symbol}`;
  if (info.value === 'list') {
    const values = Array.isArray(rule.value) ? rule.value.map(formatScalar).join(', ') : '?';
    return `${property} ${info.symbol} (${values})`;
  }
  const value = rule.value === undefined || Array.isArray(rule.value) ? '?' : formatScalar(rule.value);
  return `${property} ${info.symbol} ${value}`;
}

function describeAt(filter: Filter, nested: boolean): string {
  if (!isFilterGroup(filter)) return describeRule(filter);
  const isAll = 'all' in filter;
  const children = (isAll ? filter.all : filter.any) ?? [];
  if (children.length === 0) return isAll ? 'always' : 'never';
  if (children.length === 1) return describeAt(children[0]!, nested);
  const text = children.map((child) => describeAt(child, true)).join(isAll ? ' AND ' : ' OR ');
  return nested ? `(${text})` : text;
}

/** Short human text for a filter, e.g. `plan = pro AND seats ≥ 10`, for the designer's nodes. */
export function describeFilter(filter: Filter): string {
  return truncate(describeAt(filter, false), MAX_DESCRIPTION_LENGTH);
}
