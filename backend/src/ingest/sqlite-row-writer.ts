/**
 * The SQLite side of bulkInsert / bulkUpsert (bulk-sql.ts): entity-shaped rows turned into the values
 * TypeORM would store, without TypeORM's per-value work. At ingest rates `getEntityValue` and
 * `preparePersistentValue` (a chain of type checks, then dates formatted field by field) cost more
 * than SQLite's own insert, so each column's converter is chosen once per entity: datetimes become
 * the same `YYYY-MM-DD HH:MM:SS.mmm` UTC text (from toISOString), simple-json the same JSON.stringify,
 * plain columns pass through; anything unusual (transformers, embedded columns, dates outside years
 * 1000–9999, strings in date columns) still goes through the driver.
 */
import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import type { SqliteConnection } from './sqlite-statements';

/** Rows per multi-row statement: one statement run binds many rows (20 × 19 event columns is far below SQLite's limit). */
const ROWS_PER_STATEMENT = 20;

type Convert = (row: ObjectLiteral) => unknown;

export interface SqliteRowWriter {
  table: string;
  /** Escaped column names, in `convert` order. */
  names: string;
  convert: readonly Convert[];
}

const writers = new WeakMap<EntityMetadata, SqliteRowWriter>();

/** The writer of an entity's rows, made once per entity metadata. */
export function sqliteRowWriterOf(manager: EntityManager, metadata: EntityMetadata): SqliteRowWriter {
  let writer = writers.get(metadata);
  if (!writer) {
    const driver = manager.connection.driver;
    writer = {
      table: driver.escape(metadata.tableName),
      names: metadata.columns.map((c) => driver.escape(c.databaseName)).join(', '),
      convert: metadata.columns.map((column) => converterOf(column, (value) => driver.preparePersistentValue(value, column))),
    };
    writers.set(metadata, writer);
  }
  return writer;
}

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
/**
 * `YYYY-MM-DD ` prefixes by day number: a batch's dates fall on a few days (event days, today), and
 * one row alternates between them, so a single cached day would be formatted again and again.
 */
const dayPrefixes = new Map<number, string>();
const MAX_CACHED_DAYS = 256;

/**
 * `YYYY-MM-DD HH:MM:SS.mmm` in UTC, what TypeORM's SQLite driver stores for a Date; null when only the
 * driver's own formatting matches (invalid dates, years outside 1000–9999, which it does not pad).
 */
export function sqliteDatetimeOf(date: Date): string | null {
  const time = date.getTime();
  if (!(time >= -30_610_224_000_000 && time <= 253_402_300_799_999)) return null;
  const day = Math.floor(time / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size === MAX_CACHED_DAYS) dayPrefixes.clear();
    prefix = `${date.toISOString().slice(0, 10)} `;
    dayPrefixes.set(day, prefix);
  }
  let rest = time - day * DAY_MS;
  const ms = rest % 1000;
  rest = (rest - ms) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}`;
}

function converterOf(column: ColumnMetadata, viaDriver: (value: unknown) => unknown): Convert {
  const generic: Convert = (row) => viaDriver(column.getEntityValue(row) ?? null);
  if (column.transformer || column.embeddedMetadata || column.relationMetadata || column.isVirtual) return generic;
  const property = column.propertyName;
  const type = column.type;
  if (type === 'datetime' || type === Date) {
    return (row) => {
      const value = row[property];
      if (value === null || value === undefined) return null;
      return (value instanceof Date ? sqliteDatetimeOf(value) : null) ?? viaDriver(value);
    };
  }
  if (type === 'simple-json' || type === 'json') {
    return (row) => {
      const value = row[property];
      return value === null || value === undefined ? null : JSON.stringify(value);
    };
  }
  if (type === 'varchar' || type === 'text' || type === String || type === 'integer' || type === 'int' || type === Number || type === 'double' || type === 'real' || type === 'float') {
    return (row) => row[property] ?? null;
  }
  return generic;
}

/**
 * Inserts the rows with cached multi-row statements of ROWS_PER_STATEMENT rows, the rest one row per
 * statement, so a batch of any size prepares no new SQL.
 */
export function insertSqliteRows(sqlite: SqliteConnection, writer: SqliteRowWriter, rows: readonly ObjectLiteral[], onConflict: string): void {
  const width = writer.convert.length;
  const tuple = `(${new Array(width).fill('?').join(', ')})`;
  const sqlFor = (count: number) => `INSERT INTO ${writer.table} (${writer.names}) VALUES ${new Array(count).fill(tuple).join(', ')} ${onConflict}`;
  let start = 0;
  if (rows.length >= ROWS_PER_STATEMENT) {
    const statement = sqlite.statement(sqlFor(ROWS_PER_STATEMENT));
    const values: unknown[] = new Array(width * ROWS_PER_STATEMENT);
    for (; start + ROWS_PER_STATEMENT <= rows.length; start += ROWS_PER_STATEMENT) {
      let v = 0;
      for (let r = start; r < start + ROWS_PER_STATEMENT; r++) {
        const row = rows[r]!;
        for (let c = 0; c < width; c++) values[v++] = writer.convert[c]!(row);
      }
      statement.run(values);
    }
  }
  if (start === rows.length) return;
  const statement = sqlite.statement(sqlFor(1));
  const values: unknown[] = new Array(width);
  for (let r = start; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < width; c++) values[c] = writer.convert[c]!(row);
    statement.run(values);
  }
}
