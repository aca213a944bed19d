/**
 * Pure edits of a structured filter (the DSL's `Filter`: a rule { property, operator, value? } or a
 * group { all } / { any }), for the condition builder. The root is edited as a group; a filter that
 * is one bare rule stays one bare rule until a second entry joins it, so the builder writes exactly
 * the shapes people write by hand.
 */
import { isFilterGroup, operatorInfo, type Filter, type FilterGroup, type FilterOperator, type FilterRule, type Scalar } from '@tripline/playbook';

export type GroupMode = 'all' | 'any';
/** Indexes from the root group down to an entry. */
export type FilterPath = readonly number[];

export const newRule = (): FilterRule => ({ property: '', operator: 'eq', value: '' });

export const modeOf = (group: FilterGroup): GroupMode => ('all' in group ? 'all' : 'any');
export const childrenOf = (group: FilterGroup): Filter[] => ('all' in group ? group.all : group.any) ?? [];
export const makeGroup = (mode: GroupMode, children: Filter[]): FilterGroup => (mode === 'all' ? { all: children } : { any: children });

const ORDERED: ReadonlySet<FilterOperator> = new Set(['gt', 'gte', 'lt', 'lte']);
const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A rule under another operator, its value carried over in the shape the operator takes. */
export function withOperator(rule: FilterRule, operator: FilterOperator): FilterRule {
  const info = operatorInfo(operator);
  const { value } = rule;
  const next: FilterRule = { property: rule.property, operator };
  if (!info || info.value === 'none') return next;
  if (info.value === 'list') {
    next.value = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
    return next;
  }
  let single: Scalar = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  if (ORDERED.has(operator) && typeof single === 'string' && NUMERIC.test(single.trim())) single = Number(single.trim());
  next.value = single;
  return next;
}

function entryAt(group: FilterGroup, path: FilterPath): Filter | undefined {
  let current: Filter = group;
  for (const index of path) {
    if (!isFilterGroup(current)) return undefined;
    current = childrenOf(current)[index]!;
    if (current === undefined) return undefined;
  }
  return current;
}

/** The root with the entry at `path` replaced by `next` (or removed, when `next` is undefined). */
export function replaceAt(root: FilterGroup, path: FilterPath, next: Filter | undefined): FilterGroup {
  if (path.length === 0) {
    if (next === undefined) return makeGroup(modeOf(root), []);
    return isFilterGroup(next) ? next : makeGroup(modeOf(root), [next]);
  }
  const [index, ...rest] = path as [number, ...number[]];
  const children = childrenOf(root);
  const child = children[index];
  if (child === undefined) return root;
  let replacement: Filter | undefined;
  if (rest.length === 0) replacement = next;
  else if (isFilterGroup(child)) replacement = replaceAt(child, rest, next);
  else return root;
  const updated = replacement === undefined ? children.filter((_, at) => at !== index) : children.map((item, at) => (at === index ? replacement : item));
  return makeGroup(modeOf(root), updated);
}

/** The root with `child` added at the end of the group at `path`. */
export function appendTo(root: FilterGroup, path: FilterPath, child: Filter): FilterGroup {
  const group = entryAt(root, path);
  if (!group || !isFilterGroup(group)) return root;
  return replaceAt(root, path, makeGroup(modeOf(group), [...childrenOf(group), child]));
}

/** The root with the group at `path` matching all / any of its entries. */
export function setModeAt(root: FilterGroup, path: FilterPath, mode: GroupMode): FilterGroup {
  const group = entryAt(root, path);
  if (!group || !isFilterGroup(group) || modeOf(group) === mode) return root;
  return replaceAt(root, path, makeGroup(mode, childrenOf(group)));
}

export interface EditableRoot {
  group: FilterGroup;
  /** The filter was one bare rule (or nothing): it is written back that way while it stays one rule. */
  bare: boolean;
}

export function rootOf(filter: Filter | undefined): EditableRoot {
  if (filter === undefined) return { group: { all: [] }, bare: true };
  return isFilterGroup(filter) ? { group: filter, bare: false } : { group: { all: [filter] }, bare: true };
}

/**
 * The filter to store for an edited root: a bare root that still holds one rule (AND) is that rule;
 * an empty root is no filter when the filter is optional, else the empty `all` group (always true).
 */
export function filterOfRoot(root: EditableRoot, optional: boolean): Filter | undefined {
  const children = childrenOf(root.group);
  if (children.length === 0) return optional ? undefined : root.bare ? { all: [] } : root.group;
  if (root.bare && modeOf(root.group) === 'all' && children.length === 1 && !isFilterGroup(children[0]!)) return children[0];
  return root.group;
}

export type ValueType = 'text' | 'number' | 'boolean' | 'null';

export function valueTypeOf(value: Scalar | Scalar[] | undefined): ValueType {
  const sample = Array.isArray(value) ? value[0] : value;
  if (typeof sample === 'number') return 'number';
  if (typeof sample === 'boolean') return 'boolean';
  if (sample === null) return 'null';
  return 'text';
}

/** One value as another type: "42" → 42, 42 → "42", anything → true / null. */
export function convertScalar(value: Scalar | undefined, type: ValueType): Scalar {
  switch (type) {
    case 'text':
      return value === undefined || value === null ? '' : String(value);
    case 'number': {
      const number = typeof value === 'number' ? value : Number(String(value ?? '').trim());
      return Number.isFinite(number) && String(value ?? '').trim() !== '' ? number : 0;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : value === 'false' ? false : true;
    case 'null':
      return null;
  }
}

/** A rule's value as another type (every element of a list). */
export function convertValue(value: Scalar | Scalar[] | undefined, type: ValueType): Scalar | Scalar[] {
  return Array.isArray(value) ? value.map((item) => convertScalar(item, type)) : convertScalar(value, type);
}

/** A list value written one entry per line, read back in the list's type. */
export function parseListText(text: string, type: ValueType): { ok: true; value: Scalar[] } | { ok: false; error: string } {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  if (type === 'number') {
    const numbers = lines.map(Number);
    const bad = lines.find((_, index) => !Number.isFinite(numbers[index]!));
    return bad === undefined ? { ok: true, value: numbers } : { ok: false, error: `"${bad}" is not a number` };
  }
  if (type === 'boolean') {
    const bad = lines.find((line) => line !== 'true' && line !== 'false');
    return bad === undefined ? { ok: true, value: lines.map((line) => line === 'true') } : { ok: false, error: `"${bad}" is not true or false` };
  }
  if (type === 'null') return { ok: true, value: lines.map(() => null) };
  return { ok: true, value: lines };
}

export const listText = (values: readonly Scalar[]): string => values.map((value) => (value === null ? 'null' : String(value))).join('\n');
