import { InvalidInputError, definePollingTrigger, type PollCheckpoint, type PollResult } from '@tripline/connector-sdk';
import { mixpanelAuth } from '../connection/mixpanel-auth';
import { mixpanelConfigSchema } from '../connection/mixpanel-config';
import { parseOrThrow } from '../connection/parse-config';
import { toEventItem } from '../events/to-event-item';
import { readExportEvents, type ExportReadStats } from '../export/read-export';
import { requestExport } from '../export/request-export';
import { dayOf } from '../time/project-days';
import { DayBoundedCollector } from './day-bounded-collector';
import { exportEventsOptionsSchema, type ExportEventsOptions } from './export-events-options';

const DAY_MS = 86_400_000;

/**
 * Mixpanel events → Tripline events, through the Raw Event Export API.
 *
 * One export query per poll (the connector's declared rate, one poll a minute at most, is Mixpanel's
 * 60 queries an hour): the days from the checkpoint's day to `now`'s day, inclusive, in the project's
 * export timezone. Whole days because that is what the API takes; from the checkpoint's day because
 * the checkpoint is inclusive (events sharing its time). The body is read line by line; events already
 * covered by the checkpoint, later than `now` or repeated are dropped, and at most `maxEventsPerPoll`
 * are kept (whole days, see DayBoundedCollector) — past that the poll says `complete: false`.
 *
 * The result depends only on the checkpoint, `now`, the options and Mixpanel's data, so a poll
 * repeated after a worker restart returns the same items.
 */
export const exportEventsTrigger = definePollingTrigger({
  auth: mixpanelAuth,
  name: 'exportEvents',
  displayName: 'New Mixpanel events',
  description: 'Reads events from Mixpanel\'s Raw Event Export API and ingests them like any other source.',
  options: exportEventsOptionsSchema,
  intervalSeconds: 300,
  async poll({ auth, options, checkpoint, now, signal }): Promise<PollResult> {
    const config = parseOrThrow(mixpanelConfigSchema, auth, 'Mixpanel connection');
    const settings = parseOrThrow(exportEventsOptionsSchema, options, 'options of trigger exportEvents');
    const nowMs = instantOf(now, 'now');
    const startMs = pollStart(checkpoint, settings, nowMs);
    if (startMs > nowMs) return { items: [], complete: true };

    const query = {
      fromDate: dayOf(startMs, config.projectTimezone),
      toDate: dayOf(nowMs, config.projectTimezone),
      events: settings.events,
      where: settings.where,
    };
    const collector = new DayBoundedCollector({
      // The first poll has no checkpoint: it starts exactly at the lookback or backfill start.
      checkpoint: checkpoint ?? { time: new Date(startMs).toISOString(), idsAtTime: [] },
      nowMs,
      timeZone: config.projectTimezone,
      maxItems: settings.maxEventsPerPoll,
    });
    const stats: ExportReadStats = { events: 0, malformedLines: [] };
    const unusable = { 'no time': 0, 'no distinct_id': 0 };
    for await (const raw of readExportEvents(await requestExport(config, query, signal), stats)) {
      const mapped = toEventItem(raw, config.projectTimezone);
      if (mapped.ok) collector.add(mapped.item);
      else unusable[mapped.reason] += 1;
    }
    warnAboutSkipped(query, stats, unusable);
    return collector.result();
  },
});

/** Where a poll reads from: the checkpoint, else the backfill start, else `lookbackDays` before now. */
function pollStart(checkpoint: PollCheckpoint | null, options: ExportEventsOptions, nowMs: number): number {
  if (checkpoint) return instantOf(checkpoint.time, 'checkpoint.time');
  if (options.backfill) return Date.parse(options.backfill.from);
  return nowMs - options.lookbackDays * DAY_MS;
}

function instantOf(text: string, field: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new InvalidInputError(`Invalid ${field}: '${text}' is not an ISO 8601 date-time`, [{ field, message: 'Not an ISO 8601 date-time' }]);
  }
  return ms;
}

/** Skipped records are not errors (one bad line must not stop the poller), but someone should hear of them. */
function warnAboutSkipped(
  query: { fromDate: string; toDate: string },
  stats: ExportReadStats,
  unusable: Record<string, number>,
): void {
  const parts: string[] = [];
  if (stats.malformedLines.length > 0) {
    parts.push(`${stats.malformedLines.length} malformed line(s) (${stats.malformedLines.slice(0, 10).join(', ')})`);
  }
  for (const [reason, count] of Object.entries(unusable)) if (count > 0) parts.push(`${count} event(s) with ${reason}`);
  if (parts.length > 0) console.warn(`mixpanel exportEvents ${query.fromDate}..${query.toDate}: skipped ${parts.join(', ')}`);
}
