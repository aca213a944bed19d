import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** `YYYY-MM-DD HH:MM:SS.mmm`, how TypeORM stores a Date on SQLite (UTC, no zone). */
const SQLITE_DATETIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/;

/**
 * Reads a date column of raw rows (text on SQLite, timestamptz on PostgreSQL) as epoch ms, the way
 * TypeORM would hydrate it. The column is looked up once per reader, not per row, and SQLite's text
 * is parsed directly: hydrating through the driver (two regular expressions and a Date per value)
 * showed up in ingest profiles for every score state and aggregate row a batch loads.
 */
export function storedEpochReader<E extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<E>, property: keyof E & string): (raw: unknown) => number {
  const column = manager.connection.getMetadata(entity).findColumnWithPropertyName(property);
  if (!column) throw new Error(`no column for property "${property}"`);
  const driver = manager.connection.driver;
  return (raw) => {
    if (typeof raw === 'string' && SQLITE_DATETIME.test(raw)) return Date.parse(`${raw.slice(0, 10)}T${raw.slice(11)}Z`);
    return (driver.prepareHydratedValue(raw, column) as Date).getTime();
  };
}
