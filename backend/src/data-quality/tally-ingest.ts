import type { SegmentCall } from '../ingest/segment/segment-call';
import { QualitySource, sourceOf, utcDay } from './event-source';
import { QualityCounters, ZERO_COUNTERS } from './quality-counters';
import { hasRequiredFields } from './required-fields';

/** The person a stored call was stitched to, as known after the whole request. */
export interface StitchedPerson {
  userId: string | null;
  accountId: string | null;
}

export interface SourceDayCounters extends QualityCounters {
  source: string;
  /** UTC day the calls were received, `YYYY-MM-DD`. */
  day: string;
  /** The latest `receivedAt` among them. */
  lastReceivedAt: Date;
}

/**
 * One ingest request's counters per source and day. `received` is every call of the request, `stored`
 * the ones stored (one per new messageId), `personOf(i)` the person of `stored[i]`. A received call is
 * a duplicate unless it is the call stored for its messageId. Days are the UTC day of `receivedAt`, so
 * data quality describes the feed as it arrives (a 90-day backfill is judged on the day it is sent).
 */
export function tallyIngest(
  source: QualitySource,
  received: readonly SegmentCall[],
  stored: readonly SegmentCall[],
  personOf: (storedIndex: number) => StitchedPerson,
): SourceDayCounters[] {
  const tallies = new Map<string, SourceDayCounters>();
  // A request's calls share one receivedAt: its day is formatted once, not twice per call.
  let dayOf: { at: Date; day: string } | null = null;
  const tallyOf = (call: SegmentCall): SourceDayCounters => {
    const name = sourceOf(source, call);
    if (dayOf === null || dayOf.at !== call.receivedAt) dayOf = { at: call.receivedAt, day: utcDay(call.receivedAt) };
    const day = dayOf.day;
    const key = `${name}\u0000${day}`;
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = { source: name, day, lastReceivedAt: call.receivedAt, ...ZERO_COUNTERS }));
    if (call.receivedAt > tally.lastReceivedAt) tally.lastReceivedAt = call.receivedAt;
    return tally;
  };

  const unclaimed = new Set(stored.map((call) => call.messageId));
  for (const call of received) {
    const tally = tallyOf(call);
    tally.received += 1;
    if (unclaimed.has(call.messageId)) unclaimed.delete(call.messageId);
    else tally.duplicates += 1;
  }
  stored.forEach((call, i) => {
    const tally = tallyOf(call);
    const person = personOf(i);
    if (hasRequiredFields(call)) tally.complete += 1;
    if (person.userId !== null) tally.identified += 1;
    if (person.accountId !== null) tally.accountMatched += 1;
  });
  return [...tallies.values()];
}
