import { runStatsText } from './run-stats-text';

const stats = (over: Partial<Parameters<typeof runStatsText>[0] & object> = {}) => ({ days: 7, started: 0, inProgress: 0, completed: 0, failed: 0, lastRunAt: null, ...over });

describe('runStatsText', () => {
  it('says when a playbook had no runs in the window', () => {
    expect(runStatsText(stats())).toBe('No runs in 7 days');
    expect(runStatsText(undefined)).toBe('—');
  });

  it('lists completed always and failed / in progress only when there are some', () => {
    expect(runStatsText(stats({ started: 1, completed: 1 }))).toBe('1 run in 7 days: 1 completed');
    expect(runStatsText(stats({ started: 12, completed: 10, failed: 1, inProgress: 1 }))).toBe('12 runs in 7 days: 10 completed, 1 failed, 1 in progress');
  });
});
