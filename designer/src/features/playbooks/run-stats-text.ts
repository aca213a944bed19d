import type { PlaybookRunStats } from '../../api/types';

/** "12 runs in 7 days: 10 completed, 1 failed, 1 in progress" — the list's run column. Pure. */
export function runStatsText(stats: PlaybookRunStats | undefined): string {
  if (!stats) return '—';
  if (stats.started === 0) return `No runs in ${stats.days} days`;
  const parts = [`${stats.completed} completed`];
  if (stats.failed > 0) parts.push(`${stats.failed} failed`);
  if (stats.inProgress > 0) parts.push(`${stats.inProgress} in progress`);
  return `${stats.started} run${stats.started === 1 ? '' : 's'} in ${stats.days} days: ${parts.join(', ')}`;
}
