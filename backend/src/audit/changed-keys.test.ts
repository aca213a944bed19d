import { auditedNames, changedKeys } from './changed-keys';

describe('changedKeys', () => {
  it('names added, removed and changed keys, sorted, never their values', () => {
    expect(changedKeys({ host: 'a', password: 'old', port: 25 }, { host: 'a', password: 'new', user: 'u' })).toEqual(['password', 'port', 'user']);
  });

  it('compares nested values by content, whatever their key order', () => {
    expect(changedKeys({ nodes: { a: { x: 1, y: 2 } } }, { nodes: { a: { y: 2, x: 1 } } })).toEqual([]);
    expect(changedKeys({ nodes: { a: { x: 1 } } }, { nodes: { a: { x: 2 } } }, 'definition.')).toEqual(['definition.nodes']);
  });

  it('treats null, undefined and absent alike', () => {
    expect(changedKeys({ description: null }, {})).toEqual([]);
    expect(changedKeys(null, { name: 'x' })).toEqual(['name']);
  });
});

describe('auditedNames', () => {
  it('keeps at most 100 names of at most 100 characters, counting the rest', () => {
    const many = Array.from({ length: 250 }, (_, i) => `key${String(i).padStart(3, '0')}`);
    const kept = auditedNames(many);
    expect(kept).toHaveLength(100);
    expect(kept[98]).toBe('key098');
    expect(kept[99]).toBe('… and 151 more');
    expect(auditedNames(['x'.repeat(500)])[0]).toHaveLength(100);
    expect(auditedNames(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('bounds changedKeys of a document with thousands of long keys far below 16 KB', () => {
    const huge = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`${'k'.repeat(300)}${i}`, i]));
    expect(JSON.stringify(changedKeys({}, huge, 'definition.')).length).toBeLessThan(11_000);
  });
});
