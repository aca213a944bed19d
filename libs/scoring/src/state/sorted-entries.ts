import type { StoredContribution } from './score-state';

/** Earlier first; the same instant is ordered by messageId so every arrival order agrees. */
export function earlierFirst(a: StoredContribution, b: StoredContribution): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  return a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0;
}

/** Index at which `entry` keeps `list` sorted by `order` (after any equal elements). */
export function insertionIndex<T>(list: readonly T[], entry: T, order: (a: T, b: T) => number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(list[middle]!, entry) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Adds `points` at `timestamp` to ascending [timestamp, points] pairs, merging an equal timestamp. */
export function addToTimeline(timeline: [number, number][], timestamp: number, points: number): void {
  const index = insertionIndex(timeline, [timestamp, 0] as [number, number], (a, b) => a[0] - b[0]);
  const previous = timeline[index - 1];
  if (previous !== undefined && previous[0] === timestamp) previous[1] += points;
  else timeline.splice(index, 0, [timestamp, points]);
}
