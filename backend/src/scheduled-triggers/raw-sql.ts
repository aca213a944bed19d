/**
 * Small pieces of raw SQL for paged reads over wide tables (ticks here, backtest history), written once
 * for SQLite and PostgreSQL. Dates go through the driver the way TypeORM stores and reads them.
 */
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

export interface Sql {
  /** `?` on SQLite, `$n` on PostgreSQL: add parameters in the order they appear in the text (`?` binds by position). */
  param(value: unknown): string;
  readonly parameters: unknown[];
  name(identifier: string): string;
}

export function sqlFor(manager: EntityManager): Sql {
  const postgres = manager.connection.options.type === 'postgres';
  const parameters: unknown[] = [];
  return {
    parameters,
    param(value) {
      parameters.push(value);
      return postgres ? `$${parameters.length}` : '?';
    },
    name: (identifier) => manager.connection.driver.escape(identifier),
  };
}

/** A Date as the driver stores it in the entity's column (text on SQLite, timestamptz on PostgreSQL). */
export function storedDate<E extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<E>, property: keyof E & string, date: Date): unknown {
  const column = manager.connection.getMetadata(entity).findColumnWithPropertyName(property)!;
  return manager.connection.driver.preparePersistentValue(date, column);
}

/** Reads raw values of a date column back, in epoch ms (the column looked up once, for many rows). */
export function dateReader<E extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<E>, property: keyof E & string): (raw: unknown) => number {
  const column = manager.connection.getMetadata(entity).findColumnWithPropertyName(property)!;
  const driver = manager.connection.driver;
  return (raw) => (driver.prepareHydratedValue(raw, column) as Date).getTime();
}

/** A simple-json column read raw (text on both databases). */
export function jsonOf<T>(raw: unknown): T {
  return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T;
}

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards escaped by backslash (use ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
