import type { FakeRequest, FakeResponse } from '@tripline/connector-testkit';
import { dayOf, isDay, timeZoneOffsetMs } from '../time/project-days';
import type { StoredEvent } from './fake-events';
import { TO_DATE_LATER_THAN_TODAY, mixpanelError } from './mixpanel-errors';
import { parseWhere } from './where-expression';

export interface ExportProject {
  id: number;
  /** "UTC" for projects created from 2023 on; a legacy project's timezone otherwise (see below). */
  timezone: string;
  events: StoredEvent[];
}

const MAX_LIMIT = 100_000;

/**
 * GET /api/2.0/export as documented: from_date / to_date (yyyy-mm-dd, inclusive, required; days in
 * the project's export timezone; to_date no later than "today"), optional `event` (a JSON array of
 * names), `where`, `limit` (≤ 100,000) and `time_in_ms`. The answer is JSONL, one event a line, in
 * stored order (Mixpanel promises no order). `time` is in seconds unless `time_in_ms=true`; a legacy
 * project (timezone other than UTC) exports local wall-clock times, as Mixpanel stored them.
 */
export function answerExport(request: FakeRequest, project: ExportProject, nowMs: number, lineEnding: string): FakeResponse {
  const { from_date: fromDate, to_date: toDate } = request.query;
  if (!fromDate || !toDate) return mixpanelError(request, 400, 'from_date and to_date are required');
  for (const [name, value] of [['from_date', fromDate], ['to_date', toDate]] as const) {
    if (!isDay(value)) return mixpanelError(request, 400, `${name} must be a date in yyyy-mm-dd format, got '${value}'`);
  }
  if (fromDate > toDate) return mixpanelError(request, 400, 'from_date cannot be later than to_date');
  if (toDate > dayOf(nowMs, project.timezone)) return mixpanelError(request, 400, TO_DATE_LATER_THAN_TODAY);

  let names: Set<string> | undefined;
  if (request.query.event !== undefined) {
    const parsed = parseJson(request.query.event);
    if (!Array.isArray(parsed) || !parsed.every((name) => typeof name === 'string')) {
      return mixpanelError(request, 400, 'event must be a JSON array of event names');
    }
    names = new Set(parsed as string[]);
  }
  const where = request.query.where !== undefined ? parseWhere(request.query.where) : undefined;
  if (where && 'error' in where) return mixpanelError(request, 400, where.error);
  let limit = Number.POSITIVE_INFINITY;
  if (request.query.limit !== undefined) {
    limit = Number(request.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return mixpanelError(request, 400, `limit must be between 1 and ${MAX_LIMIT}`);
  }
  const inMs = request.query.time_in_ms === 'true';

  const lines: string[] = [];
  for (const stored of project.events) {
    if (lines.length >= limit) break;
    const day = dayOf(stored.properties.time, project.timezone);
    if (day < fromDate || day > toDate) continue;
    if (names && !names.has(stored.event)) continue;
    if (where && !where(stored.properties)) continue;
    lines.push(JSON.stringify(exported(stored, project.timezone, inMs)));
  }
  return {
    status: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: lines.map((line) => `${line}${lineEnding}`).join(''),
  };
}

function exported(stored: StoredEvent, timezone: string, inMs: boolean): StoredEvent {
  const wallClock = timezone === 'UTC' ? stored.properties.time : stored.properties.time + timeZoneOffsetMs(stored.properties.time, timezone);
  return { event: stored.event, properties: { ...stored.properties, time: inMs ? wallClock : Math.floor(wallClock / 1000) } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
