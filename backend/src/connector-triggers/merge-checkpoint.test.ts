import { mergeCheckpoint } from './merge-checkpoint';

describe('mergeCheckpoint', () => {
  const at = (time: string, ...ids: string[]) => ({ time, idsAtTime: ids });

  it('takes the first one, and a later one', () => {
    expect(mergeCheckpoint(null, at('2025-01-01T00:00:00Z', 'a'))).toEqual(at('2025-01-01T00:00:00.000Z', 'a'));
    expect(mergeCheckpoint(at('2025-01-01T00:00:00.000Z', 'a'), at('2025-01-02T00:00:00Z', 'b'))).toEqual(at('2025-01-02T00:00:00.000Z', 'b'));
  });

  it('never moves back, and adds up ids at the same time', () => {
    const stored = at('2025-01-02T00:00:00.000Z', 'b');
    expect(mergeCheckpoint(stored, at('2025-01-01T00:00:00Z', 'a'))).toBe(stored);
    expect(mergeCheckpoint(stored, at('2025-01-02T00:00:00Z', 'c', 'b'))).toEqual(at('2025-01-02T00:00:00.000Z', 'b', 'c'));
    expect(mergeCheckpoint(stored, null)).toBe(stored);
  });
});
