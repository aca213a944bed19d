import type { PollCheckpoint, PollResult, TriggerItem } from './define-trigger';

export interface AppliedPoll {
  /** The items the checkpoint did not cover yet, each id once, in `at` order (then id order). */
  items: TriggerItem[];
  /** Where the next poll starts: unchanged when nothing new came. */
  checkpoint: PollCheckpoint | null;
}

function timeOf(item: TriggerItem): number {
  const ms = Date.parse(item.at);
  if (Number.isNaN(ms)) throw new Error(`Trigger item '${item.id}' has 'at' = '${item.at}', which is not an ISO 8601 time`);
  return ms;
}

/**
 * The checkpoint rule of polling triggers (define-trigger.ts), pure so the runtime and the contract
 * runner share it. A poll asks the vendor from `checkpoint.time` INCLUSIVE (two records can share a
 * timestamp, and the next one may arrive after a poll), so:
 * - items before the checkpoint time, and items at exactly that time whose id was already delivered,
 *   are dropped; an id repeated within the result counts once;
 * - the new checkpoint is the latest `at` delivered, with the ids delivered at that time (added to
 *   the old ids when that time is the old checkpoint's).
 * Times compare as instants, so "2024-01-01T00:00:00Z" and "2024-01-01T00:00:00.000Z" are one time.
 */
export function applyPoll(checkpoint: PollCheckpoint | null, result: Pick<PollResult, 'items'>): AppliedPoll {
  const since = checkpoint ? Date.parse(checkpoint.time) : Number.NEGATIVE_INFINITY;
  if (Number.isNaN(since)) throw new Error(`Checkpoint time '${checkpoint!.time}' is not an ISO 8601 time`);
  const deliveredAtSince = new Set(checkpoint?.idsAtTime ?? []);

  const seen = new Set<string>();
  const fresh: { item: TriggerItem; ms: number }[] = [];
  for (const item of result.items) {
    const ms = timeOf(item);
    if (ms < since || (ms === since && deliveredAtSince.has(item.id)) || seen.has(item.id)) continue;
    seen.add(item.id);
    fresh.push({ item, ms });
  }
  fresh.sort((a, b) => a.ms - b.ms || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));
  if (fresh.length === 0) return { items: [], checkpoint };

  const latest = fresh[fresh.length - 1]!.ms;
  const idsAtLatest = fresh.filter((entry) => entry.ms === latest).map((entry) => entry.item.id);
  const idsAtTime = latest === since ? [...deliveredAtSince, ...idsAtLatest] : idsAtLatest;
  return { items: fresh.map((entry) => entry.item), checkpoint: { time: new Date(latest).toISOString(), idsAtTime } };
}
