import { RetryableError } from '@tripline/connector-sdk';
import { ndjsonLines } from './ndjson-lines';

/** One line of Mixpanel's export: `{"event": "...", "properties": {"time": ..., "distinct_id": ..., ...}}`. */
export interface RawExportEvent {
  event: string;
  properties: Record<string, unknown>;
}

/** What reading one export skipped, for the poll's warning. */
export interface ExportReadStats {
  events: number;
  /** Lines that are not JSON, or JSON that is not an event: skipped (one bad record must not stop the poller). */
  malformedLines: number[];
}

// Mixpanel has been seen to end an interrupted export with this line instead of an error status.
const TERMINATED_EARLY = 'terminated early';

/**
 * The events of an export body, parsed line by line. A malformed line in the middle is skipped and
 * counted in `stats`; an export that ends inside a line, or says it "terminated early", was cut
 * short and throws a RetryableError: delivering part of it would let the checkpoint pass the rest.
 */
export async function* readExportEvents(
  chunks: AsyncIterable<Uint8Array>,
  stats: ExportReadStats,
): AsyncGenerator<RawExportEvent> {
  for await (const line of ndjsonLines(chunks)) {
    if (line.text.trim() === TERMINATED_EARLY) {
      throw new RetryableError(`The Mixpanel export was cut short at line ${line.number} ("${TERMINATED_EARLY}")`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.text);
    } catch {
      if (!line.terminated) {
        throw new RetryableError(`The Mixpanel export ended inside line ${line.number}: the response was cut short`);
      }
      stats.malformedLines.push(line.number);
      continue;
    }
    if (!isRawExportEvent(parsed)) {
      stats.malformedLines.push(line.number);
      continue;
    }
    stats.events += 1;
    yield parsed;
  }
}

function isRawExportEvent(value: unknown): value is RawExportEvent {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const candidate = value as { event?: unknown; properties?: unknown };
  return (
    typeof candidate.event === 'string' &&
    !!candidate.properties &&
    typeof candidate.properties === 'object' &&
    !Array.isArray(candidate.properties)
  );
}
