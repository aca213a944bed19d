import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { chunks } from '../ingest/bulk-sql';
import type { SegmentCall } from '../ingest/segment/segment-call';
import { QualitySource } from './event-source';
import { SourceQualityDayEntity } from './source-quality-day.entity';
import { SourceDayCounters, StitchedPerson, tallyIngest } from './tally-ingest';

/** The Segment HTTP API's source naming, for the ingest call site. */
export { segmentSource } from './event-source';

const COUNTER_COLUMNS = ['received', 'duplicates', 'complete', 'identified', 'account_matched'] as const;
const COLUMNS = ['id', 'workspace_id', 'source', 'day', ...COUNTER_COLUMNS, 'last_received_at'] as const;
/** 10 parameters a row: far below SQLite's 32,766 and PostgreSQL's 65,535 per statement. */
const ROWS_PER_STATEMENT = 1_000;

/**
 * Adds one ingest request's data-quality counters, inside the caller's (ingest) transaction: one
 * multi-row upsert per request, with one row per source and day, and ON CONFLICT … DO UPDATE adding
 * to the stored counters. The syntax is the same on SQLite (3.24+) and PostgreSQL. Rows are unique
 * within the statement, which PostgreSQL requires.
 *
 * `received` is every call of the request, `stored` the calls stored and `personOf(i)` the person
 * `stored[i]` was stitched to after the whole request (see tally-ingest.ts).
 */
export async function recordSourceQuality(
  manager: EntityManager,
  workspaceId: string,
  source: QualitySource,
  received: readonly SegmentCall[],
  stored: readonly SegmentCall[],
  personOf: (storedIndex: number) => StitchedPerson,
): Promise<void> {
  const tallies = tallyIngest(source, received, stored, personOf);
  // Usually one row; a request naming thousands of libraries is sliced below the parameter limits.
  for (const slice of chunks(tallies, ROWS_PER_STATEMENT)) await manager.query(...upsertStatement(manager, workspaceId, slice));
}

function upsertStatement(manager: EntityManager, workspaceId: string, tallies: readonly SourceDayCounters[]): [string, unknown[]] {
  const driver = manager.connection.driver;
  const postgres = manager.connection.options.type === 'postgres';
  const column = (name: string) => driver.escape(name);
  const table = column('source_quality_days');
  // Dates go through the driver as TypeORM stores them (text on SQLite, timestamptz on PostgreSQL).
  const lastReceivedAtColumn = manager.connection.getMetadata(SourceQualityDayEntity).findColumnWithPropertyName('lastReceivedAt')!;
  const values: unknown[] = [];
  const tuples = tallies.map((t) => {
    const row = [randomUUID(), workspaceId, t.source, t.day, t.received, t.duplicates, t.complete, t.identified, t.accountMatched, driver.preparePersistentValue(t.lastReceivedAt, lastReceivedAtColumn)];
    const marks = row.map((value) => {
      values.push(value);
      return postgres ? `$${values.length}` : '?';
    });
    return `(${marks.join(', ')})`;
  });
  const add = COUNTER_COLUMNS.map((c) => `${column(c)} = ${table}.${column(c)} + excluded.${column(c)}`);
  // CASE rather than MAX()/GREATEST(), which differ between the two databases.
  const last = column('last_received_at');
  const latest = `${last} = CASE WHEN excluded.${last} > ${table}.${last} THEN excluded.${last} ELSE ${table}.${last} END`;
  const sql =
    `INSERT INTO ${table} (${COLUMNS.map(column).join(', ')}) VALUES ${tuples.join(', ')} ` +
    `ON CONFLICT (${['workspace_id', 'source', 'day'].map(column).join(', ')}) ` +
    `DO UPDATE SET ${[...add, latest].join(', ')}`;
  return [sql, values];
}
