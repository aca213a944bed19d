import type { EventTriggerItem, PollCheckpoint } from '@tripline/connector-sdk';
import { dayOf } from '../time/project-days';

export type CollectOutcome = 'kept' | 'covered' | 'later' | 'duplicate' | 'cut';

/**
 * Gathers one poll's items from an export that comes in no particular order:
 * - drops what the checkpoint already covers (earlier than its time, or at its time with a delivered
 *   id) and what is later than the poll's `now`, as the runtime would;
 * - keeps the first of several events with the same id (Mixpanel's export can repeat an event);
 * - keeps whole days only, and at most `maxItems` items unless the first day alone has more: past the
 *   limit the latest day is dropped (and anything later that still arrives). The earliest day with
 *   new items always stays, so every poll moves the checkpoint on.
 */
export class DayBoundedCollector {
  private readonly byDay = new Map<string, EventTriggerItem[]>();
  private readonly seenIds = new Set<string>();
  private readonly checkpointMs: number | undefined;
  private readonly idsAtCheckpoint: ReadonlySet<string>;
  private kept = 0;
  /** The earliest day dropped: it and later days are no longer kept. Undefined while nothing was dropped. */
  private firstDroppedDay: string | undefined;

  constructor(
    private readonly limits: { checkpoint: PollCheckpoint | null; nowMs: number; timeZone: string; maxItems: number },
  ) {
    this.checkpointMs = limits.checkpoint ? Date.parse(limits.checkpoint.time) : undefined;
    this.idsAtCheckpoint = new Set(limits.checkpoint?.idsAtTime ?? []);
  }

  add(item: EventTriggerItem): CollectOutcome {
    const atMs = Date.parse(item.at);
    if (this.checkpointMs !== undefined) {
      if (atMs < this.checkpointMs) return 'covered';
      if (atMs === this.checkpointMs && this.idsAtCheckpoint.has(item.id)) return 'covered';
    }
    if (atMs > this.limits.nowMs) return 'later';
    if (this.seenIds.has(item.id)) return 'duplicate';
    const day = dayOf(atMs, this.limits.timeZone);
    if (this.firstDroppedDay !== undefined && day >= this.firstDroppedDay) return 'cut';
    this.seenIds.add(item.id);
    const items = this.byDay.get(day);
    if (items) items.push(item);
    else this.byDay.set(day, [item]);
    this.kept += 1;
    this.dropLatestDaysOverLimit();
    return this.byDay.has(day) ? 'kept' : 'cut';
  }

  /** The kept items in time order (then id); complete unless a day was dropped. */
  result(): { items: EventTriggerItem[]; complete: boolean } {
    const items = [...this.byDay.values()].flat();
    items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { items, complete: this.firstDroppedDay === undefined };
  }

  private dropLatestDaysOverLimit(): void {
    while (this.kept > this.limits.maxItems && this.byDay.size > 1) {
      const latest = [...this.byDay.keys()].sort().at(-1)!;
      this.kept -= this.byDay.get(latest)!.length;
      this.byDay.delete(latest);
      this.firstDroppedDay = latest;
    }
  }
}

