/**
 * Raw multi-row statements for the ingest path. A batch is a handful of statements, not one per event,
 * and they skip TypeORM's query builder, whose parameter handling costs more than SQLite's own work at
 * batch sizes. Values are stored exactly as TypeORM stores and reads them (the driver's
 * `preparePersistentValue`, or on SQLite the equivalent converters of sqlite-row-writer.ts). SQLite
 * binds at most 32,766 parameters per statement and PostgreSQL 65,535: large batches are sliced well
 * below both.
 */
import { EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { insertSqliteRows, sqliteRowWriterOf } from './sqlite-row-writer';
import { sqliteConnectionOf } from './sqlite-statements';

const PARAMETERS_PER_STATEMENT = 16_000;
const IN_LIST_SIZE = 5_000;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `?` for SQLite, `$n` for PostgreSQL. */
function placeholder(manager: EntityManager): (n: number) => string {
  return manager.connection.options.type === 'postgres' ? (n) => `$${n}` : () => '?';
}

/**
 * Inserts entity-shaped rows with multi-row INSERTs. Rows whose unique key already exists are skipped
 * (ON CONFLICT DO NOTHING, on both databases), which also keeps a PostgreSQL transaction usable.
 */
export async function bulkInsert<E extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<E>, rows: readonly E[]): Promise<void> {
  await multiRowInsert(manager, entity, rows, 'ON CONFLICT DO NOTHING');
}

/**
 * Inserts entity-shaped rows, or where a row with the same `conflict` key exists, overwrites its
 * `update` columns (both lists are entity property names): INSERT … ON CONFLICT (…) DO UPDATE SET
 * c = excluded.c, the same syntax on SQLite (3.24+) and PostgreSQL. `keepLatest` columns keep the
 * later of the stored and the new value instead (CASE, as MAX()/GREATEST() differ between the two).
 * Rows must be unique on the key within one call: PostgreSQL refuses to update a row twice in one statement.
 */
export async function bulkUpsert<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  rows: readonly E[],
  conflict: readonly (keyof E & string)[],
  update: readonly (keyof E & string)[],
  keepLatest: readonly (keyof E & string)[] = [],
): Promise<void> {
  const metadata = manager.connection.getMetadata(entity);
  const escape = (property: string) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.tableName} has no column for property "${property}"`);
    return manager.connection.driver.escape(column.databaseName);
  };
  const table = manager.connection.driver.escape(metadata.tableName);
  const latest = keepLatest.map((property) => {
    const c = escape(property);
    return `${c} = CASE WHEN excluded.${c} > ${table}.${c} THEN excluded.${c} ELSE ${table}.${c} END`;
  });
  const set = [...update.map((property) => `${escape(property)} = excluded.${escape(property)}`), ...latest].join(', ');
  await multiRowInsert(manager, entity, rows, `ON CONFLICT (${conflict.map(escape).join(', ')}) DO UPDATE SET ${set}`);
}

async function multiRowInsert<E extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<E>, rows: readonly E[], onConflict: string): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const columns = metadata.columns;
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const sqlite = await sqliteConnectionOf(manager);
  if (sqlite) {
    insertSqliteRows(sqlite, sqliteRowWriterOf(manager, metadata), rows, onConflict);
    return;
  }
  const param = placeholder(manager);
  const perStatement = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / columns.length));
  for (const slice of chunks(rows, perStatement)) {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (const row of slice) {
      const marks: string[] = [];
      for (const column of columns) {
        values.push(driver.preparePersistentValue(column.getEntityValue(row) ?? null, column));
        marks.push(param(values.length));
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    await manager.query(`INSERT INTO ${driver.escape(metadata.tableName)} (${names}) VALUES ${tuples.join(', ')} ${onConflict}`, values);
  }
}

/**
 * Raw rows (database column names) of a workspace whose `column` is one of `values`, any number of
 * values. `select` lists the database columns to read.
 */
export async function selectWhereIn(
  manager: EntityManager,
  table: string,
  select: readonly string[],
  workspaceId: string,
  column: string,
  values: readonly string[],
  extra: Record<string, string> = {},
): Promise<Record<string, unknown>[]> {
  const driver = manager.connection.driver;
  const extraColumns = Object.keys(extra);
  const sqlite = await sqliteConnectionOf(manager);
  if (sqlite) {
    // One cached statement whatever the number of values: the list travels as a JSON array. Looking
    // rows up by their `id` primary key, the unary + keeps SQLite from scanning a workspace index
    // instead (what its planner picks before ANALYZE has statistics).
    const workspaceColumn = column === 'id' ? `+${driver.escape('workspace_id')}` : driver.escape('workspace_id');
    const conditions = [`${workspaceColumn} = ?`, ...extraColumns.map((c) => `${driver.escape(c)} = ?`)];
    conditions.push(`${driver.escape(column)} IN (SELECT value FROM json_each(?))`);
    const sql = `SELECT ${select.map((c) => driver.escape(c)).join(', ')} FROM ${driver.escape(table)} WHERE ${conditions.join(' AND ')}`;
    return sqlite.statement(sql).all([workspaceId, ...extraColumns.map((c) => extra[c]), JSON.stringify([...new Set(values)])]) as Record<string, unknown>[];
  }
  const param = placeholder(manager);
  const found: Record<string, unknown>[] = [];
  for (const slice of chunks([...new Set(values)], IN_LIST_SIZE)) {
    const parameters: unknown[] = [workspaceId, ...extraColumns.map((c) => extra[c])];
    const conditions = [`${driver.escape('workspace_id')} = ${param(1)}`, ...extraColumns.map((c, i) => `${driver.escape(c)} = ${param(i + 2)}`)];
    const marks = slice.map((value) => {
      parameters.push(value);
      return param(parameters.length);
    });
    conditions.push(`${driver.escape(column)} IN (${marks.join(', ')})`);
    const sql = `SELECT ${select.map((c) => driver.escape(c)).join(', ')} FROM ${driver.escape(table)} WHERE ${conditions.join(' AND ')}`;
    found.push(...((await manager.query(sql, parameters)) as Record<string, unknown>[]));
  }
  return found;
}

/** Entities of a workspace whose `property` is one of `values` (hydrated by TypeORM; for small sets). */
export async function findWhereIn<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  workspaceId: string,
  property: string,
  values: readonly string[],
  extra: Record<string, unknown> = {},
): Promise<E[]> {
  const found: E[] = [];
  for (const slice of chunks([...new Set(values)], IN_LIST_SIZE)) {
    found.push(...(await manager.find(entity, { where: { ...extra, workspaceId, [property]: In(slice) } as never })));
  }
  return found;
}
