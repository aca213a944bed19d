/** Folding live run updates into what is on screen. Pure, so the ordering rules are tested. */
import type { Run } from '../api/types';

/** An update older than what we hold (subscriptions and queries can race) must not undo newer state. */
export function isNewer(incoming: Run, current: Run | undefined): boolean {
  if (!current) return true;
  return Date.parse(incoming.updatedAt) >= Date.parse(current.updatedAt);
}

/** Upserts `run` into a list kept newest-started first, capped at `limit`. Returns the same list when nothing changes. */
export function mergeRunIntoList(list: Run[], run: Run, limit: number): Run[] {
  const index = list.findIndex((r) => r.id === run.id);
  if (index >= 0) {
    if (!isNewer(run, list[index])) return list;
    const next = list.slice();
    next[index] = run;
    return next;
  }
  const next = [...list, run].sort(byStartedDescending);
  return next.length > limit ? next.slice(0, limit) : next;
}

export function byStartedDescending(a: Run, b: Run): number {
  return Date.parse(b.startedAt) - Date.parse(a.startedAt) || b.id.localeCompare(a.id);
}
