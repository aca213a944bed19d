import type { Run } from '../api/types';
import { isNewer, mergeRunIntoList } from './merge-run';

function run(id: string, startedAt: string, updatedAt: string, status: Run['status'] = 'running'): Run {
  return {
    id,
    playbookId: 'pb',
    playbookName: 'Demo',
    playbookVersion: 1,
    workflowId: `tripline:ws:${id}`,
    status,
    subjectKind: 'person',
    subjectId: 'p1',
    error: null,
    temporalUiUrl: 'http://localhost:8233',
    startedAt,
    updatedAt,
    finishedAt: null,
    steps: [],
  };
}

describe('mergeRunIntoList', () => {
  const older = run('r1', '2025-01-01T10:00:00Z', '2025-01-01T10:00:00Z');
  const newer = run('r2', '2025-01-01T11:00:00Z', '2025-01-01T11:00:00Z');

  it('adds a new run in started order, newest first', () => {
    expect(mergeRunIntoList([older], newer, 50).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(mergeRunIntoList([newer], older, 50).map((r) => r.id)).toEqual(['r2', 'r1']);
  });

  it('replaces a known run in place with its newer state', () => {
    const finished = run('r1', older.startedAt, '2025-01-01T10:05:00Z', 'completed');
    const merged = mergeRunIntoList([newer, older], finished, 50);
    expect(merged.map((r) => [r.id, r.status])).toEqual([
      ['r2', 'running'],
      ['r1', 'completed'],
    ]);
  });

  it('ignores an update older than the state it holds (a late query answer or a reordered push)', () => {
    const finished = run('r1', older.startedAt, '2025-01-01T10:05:00Z', 'completed');
    const list = [finished];
    expect(mergeRunIntoList(list, older, 50)).toBe(list);
    expect(isNewer(older, finished)).toBe(false);
    expect(isNewer(finished, undefined)).toBe(true);
  });

  it('keeps at most `limit` runs, dropping the oldest', () => {
    const third = run('r3', '2025-01-01T12:00:00Z', '2025-01-01T12:00:00Z');
    expect(mergeRunIntoList([newer, older], third, 2).map((r) => r.id)).toEqual(['r3', 'r2']);
  });
});
