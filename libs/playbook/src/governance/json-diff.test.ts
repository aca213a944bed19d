import fc from 'fast-check';
import type { DiffEntry } from './contract';
import { diffJson, jsonEqual } from './json-diff';

/** Applies diff entries to a copy of `before` (test oracle: diffJson must lose nothing). */
function applyEntries(before: unknown, entries: DiffEntry[]): unknown {
  let root = before === undefined ? undefined : structuredClone(before);
  for (const entry of entries) {
    const value = entry.kind === 'removed' ? undefined : structuredClone(entry.after);
    if (entry.path === '') {
      root = value;
      continue;
    }
    const segments = entry.path.split('.');
    let container = root as Record<string, unknown> | unknown[];
    for (const segment of segments.slice(0, -1)) container = (container as Record<string, unknown>)[segment] as Record<string, unknown>;
    const last = segments[segments.length - 1]!;
    if (Array.isArray(container)) {
      // Removed array elements are always a tail (shorter arrays lose their last indexes).
      if (value === undefined) container.length = Math.min(container.length, Number(last));
      else container[Number(last)] = value;
    } else if (value === undefined) {
      delete container[last];
    } else {
      container[last] = value;
    }
  }
  return root;
}

// Keys without dots (paths are dotted) and few of them, so generated values overlap often.
const jsonValue = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: -3, max: 3 }),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('', 'a', 'b'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', '0'), tie('value'), { maxKeys: 3 }),
  ),
})).value;

describe('diffJson', () => {
  it('reports leaf changes with dotted paths', () => {
    const before = { trigger: { kind: 'scoreThreshold', threshold: 71 }, name: 'A' };
    const after = { trigger: { kind: 'scoreThreshold', threshold: 80 }, name: 'A' };
    expect(diffJson(before, after)).toEqual([{ path: 'trigger.threshold', kind: 'changed', before: 71, after: 80 }]);
  });

  it('reports a key on one side only as one added / removed entry holding the whole value', () => {
    expect(diffJson({ a: 1 }, { b: { c: [1] } })).toEqual([
      { path: 'a', kind: 'removed', before: 1 },
      { path: 'b', kind: 'added', after: { c: [1] } },
    ]);
  });

  it('compares arrays of primitives as whole values and recurses into arrays of objects by index', () => {
    expect(diffJson({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toEqual([{ path: 'tags', kind: 'changed', before: ['a', 'b'], after: ['b', 'a'] }]);
    expect(diffJson({ all: [{ v: 1 }, { v: 2 }] }, { all: [{ v: 1 }, { v: 3 }, { v: 4 }] })).toEqual([
      { path: 'all.1.v', kind: 'changed', before: 2, after: 3 },
      { path: 'all.2', kind: 'added', after: { v: 4 } },
    ]);
  });

  it('reports a change of type (object ↔ scalar, array ↔ object) as one changed entry', () => {
    expect(diffJson({ reenroll: 'never' }, { reenroll: { afterDays: 30 } })).toEqual([
      { path: 'reenroll', kind: 'changed', before: 'never', after: { afterDays: 30 } },
    ]);
    expect(diffJson([{ a: 1 }], { 0: { a: 1 } })).toEqual([{ path: '', kind: 'changed', before: [{ a: 1 }], after: { 0: { a: 1 } } }]);
  });

  it('starts paths at the prefix, and treats undefined as absent', () => {
    expect(diffJson(undefined, 5, { prefix: 'start' })).toEqual([{ path: 'start', kind: 'added', after: 5 }]);
    expect(diffJson(5, undefined, { prefix: 'start' })).toEqual([{ path: 'start', kind: 'removed', before: 5 }]);
    expect(diffJson({ a: undefined, b: 1 }, { b: 1 })).toEqual([]);
    expect(diffJson(undefined, undefined)).toEqual([]);
  });

  it('compares what lies deeper than maxDepth as one value', () => {
    const before = { a: { b: { c: { d: 1 } } } };
    const after = { a: { b: { c: { d: 2 } } } };
    expect(diffJson(before, after, { maxDepth: 2 })).toEqual([{ path: 'a.b', kind: 'changed', before: before.a.b, after: after.a.b }]);
    expect(diffJson(before, after)).toEqual([{ path: 'a.b.c.d', kind: 'changed', before: 1, after: 2 }]);
  });

  it('survives a nesting far deeper than its bound without recursing into it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { x: deep };
    let other: unknown = 2;
    for (let i = 0; i < 100_000; i++) other = { x: other };
    expect(diffJson({ deep }, { deep: 2 })).toEqual([{ path: 'deep', kind: 'changed', before: deep, after: 2 }]);
    const entries = diffJson({ deep }, { deep: other });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.path.split('.')).toHaveLength(32);
  });

  it('ignores object key order', () => {
    expect(diffJson({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toEqual([]);
  });

  it('finds no difference between a value and itself (property)', () => {
    fc.assert(fc.property(jsonValue, (value) => diffJson(value, structuredClone(value)).length === 0));
  });

  it('loses nothing: applying the entries to before gives after, at any depth bound (property)', () => {
    fc.assert(
      fc.property(jsonValue, jsonValue, fc.integer({ min: 0, max: 6 }), (before, after, maxDepth) => {
        const entries = diffJson(before, after, { maxDepth });
        expect(jsonEqual(applyEntries(before, entries), after)).toBe(true);
        expect(entries.length === 0).toBe(jsonEqual(before, after));
      }),
    );
  });
});

describe('jsonEqual', () => {
  it('compares by content, ignoring key order and undefined-valued keys', () => {
    expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: '1' })).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});
