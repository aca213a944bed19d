import type { SegmentCall } from '../ingest/segment/segment-call';

/**
 * Where a call came from, e.g. `segment:analytics-node`. Either a fixed name (a connector that knows
 * its source, like a Mixpanel poller) or a function of the call (the Segment HTTP API, where the
 * sending library names the source).
 */
export type QualitySource = string | ((call: SegmentCall) => string);

const MAX_SOURCE_LENGTH = 255;
const MAX_LIBRARY_LENGTH = 200;

/** The Segment HTTP API's source: `segment:<context.library.name>`, or `segment:unknown` without one. */
export function segmentSource(call: SegmentCall): string {
  const library = call.context.library;
  const name = typeof library === 'object' && library !== null ? (library as Record<string, unknown>).name : undefined;
  const trimmed = typeof name === 'string' ? name.trim().slice(0, MAX_LIBRARY_LENGTH) : '';
  return `segment:${trimmed === '' ? 'unknown' : trimmed}`;
}

export function sourceOf(source: QualitySource, call: SegmentCall): string {
  const name = typeof source === 'string' ? source : source(call);
  if (name.trim() === '') throw new Error('A data-quality source name must not be empty');
  return name.slice(0, MAX_SOURCE_LENGTH);
}

/** The UTC calendar day of a date, `YYYY-MM-DD`: the unit counters are kept in. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
