import type { DiffEntry } from './contract';

/** How deep diffJson recurses before it compares what is left as one value. */
export const DEFAULT_DIFF_DEPTH = 32;

/** Where diffJson's paths start and how deep it looks. */
export interface DiffJsonOptions {
  /** Dotted path the entries start from ("nodes.send-email"); '' (the default) for the root. */
  prefix?: string;
  /** Levels of objects/arrays to recurse into; deeper subtrees are compared whole. */
  maxDepth?: number;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const isContainer = (value: unknown): value is JsonObject | unknown[] => typeof value === 'object' && value !== null;
const isPrimitiveArray = (value: unknown[]): boolean => value.every((element) => !isContainer(element));
const join = (prefix: string, key: string | number): string => (prefix === '' ? String(key) : `${prefix}.${key}`);

function sameScalar(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Equality of two JSON values by content (object key order and undefined-valued keys ignored).
 * Iterative, so a hostile nesting cannot exhaust the stack.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const pending: [unknown, unknown][] = [[a, b]];
  while (pending.length > 0) {
    const [x, y] = pending.pop()!;
    if (!isContainer(x) || !isContainer(y)) {
      if (!sameScalar(x, y)) return false;
      continue;
    }
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      x.forEach((element, index) => pending.push([element, y[index]]));
      continue;
    }
    const [left, right] = [x as JsonObject, y as JsonObject];
    const keys = Object.keys(left).filter((key) => left[key] !== undefined);
    const otherKeys = Object.keys(right).filter((key) => right[key] !== undefined);
    if (keys.length !== otherKeys.length || !keys.every((key) => Object.hasOwn(right, key))) return false;
    keys.forEach((key) => pending.push([left[key], right[key]]));
  }
  return true;
}

function walk(before: unknown, after: unknown, path: string, depthLeft: number, out: DiffEntry[]): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    out.push({ path, kind: 'added', after });
    return;
  }
  if (after === undefined) {
    out.push({ path, kind: 'removed', before });
    return;
  }
  const bothObjects = isObject(before) && isObject(after);
  const bothStructuredArrays =
    Array.isArray(before) && Array.isArray(after) && !(isPrimitiveArray(before) && isPrimitiveArray(after));
  if (depthLeft <= 0 || !(bothObjects || bothStructuredArrays)) {
    if (!jsonEqual(before, after)) out.push({ path, kind: 'changed', before, after });
    return;
  }
  if (bothStructuredArrays) {
    const [a, b] = [before as unknown[], after as unknown[]];
    for (let index = 0; index < Math.max(a.length, b.length); index++) walk(a[index], b[index], join(path, index), depthLeft - 1, out);
    return;
  }
  const [a, b] = [before as JsonObject, after as JsonObject];
  const keys = [...Object.keys(a), ...Object.keys(b).filter((key) => !Object.hasOwn(a, key))];
  for (const key of keys) walk(a[key], b[key], join(path, key), depthLeft - 1, out);
}

/**
 * The differences between two JSON values, as dotted-path entries (in key order, `before` first).
 * Objects are recursed key by key; arrays holding objects or arrays are recursed by index; arrays
 * of primitives (tags, `in` lists) are compared as whole values. A key present on one side only is
 * one 'added' / 'removed' entry carrying the whole value there; a value that changes type, or
 * lies deeper than `maxDepth`, is one 'changed' entry with both values. `undefined` means absent.
 * Applying the entries in order to `before` gives `after`: nothing is lost or duplicated.
 */
export function diffJson(before: unknown, after: unknown, options: DiffJsonOptions = {}): DiffEntry[] {
  const out: DiffEntry[] = [];
  walk(before, after, options.prefix ?? '', options.maxDepth ?? DEFAULT_DIFF_DEPTH, out);
  return out;
}
