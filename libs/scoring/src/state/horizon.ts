import type { Decay } from '../model/types';
import { DAY_MS } from '../time/calendar';

/**
 * How far behind a subject's newest event an event may arrive and still be checked against caps and
 * duplicates. Within the horizon the result is exactly independent of arrival order. Cap buckets are
 * kept while their calendar bucket ends inside the horizon, so a capped event is placed in its bucket
 * (and may take a later event's slot) whenever that bucket is kept. Beyond that:
 * - window decay: the horizon is the window; an uncapped event already out of the window of the
 *   newest one can never count again and is ignored, and so is a capped event whose whole bucket
 *   is out of it (both exact);
 * - half-life / none: message ids and cap buckets older than the horizon are folded away to keep the
 *   state bounded, so a too-late event scores its uncapped rules (decayed from its own timestamp)
 *   without a duplicate check (ingest already drops repeated messageIds), and nothing for a capped
 *   rule whose bucket is gone.
 * 35 days covers monthly caps and the days-late delivery of offline mobile clients.
 */
export const LATE_EVENT_HORIZON_DAYS = 35;

export function horizonMs(decay: Decay): number {
  return decay.kind === 'window' ? decay.days * DAY_MS : LATE_EVENT_HORIZON_DAYS * DAY_MS;
}

/**
 * Pruning sweeps the whole state, so it runs at most once per eighth of the horizon of event time
 * (at least an hour apart): cheap on average, and the state stays within 9/8 of the horizon.
 */
export function pruneIntervalMs(decay: Decay): number {
  return Math.max(60 * 60 * 1000, horizonMs(decay) / 8);
}
