/**
 * Direct access to the better-sqlite3 connection of a TypeORM transaction, with prepared statements
 * cached per connection. SQLite has one connection (see database/transactions.ts), so a statement run
 * here is part of the transaction `manager` belongs to. The ingest path uses it to skip re-preparing
 * SQL for every batch; other databases get null and take the portable path.
 */
import type { EntityManager } from 'typeorm';

interface Statement {
  run(parameters: unknown[]): unknown;
  all(parameters: unknown[]): unknown[];
}

interface SqliteDatabase {
  prepare(sql: string): Statement;
}

export interface SqliteConnection {
  statement(sql: string): Statement;
}

const cached = new WeakMap<SqliteDatabase, Map<string, Statement>>();

export async function sqliteConnectionOf(manager: EntityManager): Promise<SqliteConnection | null> {
  if (manager.connection.options.type !== 'better-sqlite3') return null;
  // Outside a transaction there is no runner to borrow; the portable path handles that case.
  const runner = manager.queryRunner;
  if (!runner) return null;
  const database = (await runner.connect()) as SqliteDatabase;
  let statements = cached.get(database);
  if (!statements) cached.set(database, (statements = new Map()));
  return {
    statement(sql) {
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = database.prepare(sql)));
      return statement;
    },
  };
}
