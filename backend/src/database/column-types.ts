import { QueryRunner } from 'typeorm';

/**
 * Column types for migrations that run on both SQLite and PostgreSQL.
 * Entities declare timestamps as `Date` properties (TypeORM maps them per driver), JSON as
 * 'simple-json' (text on both), ids as varchar(36) UUIDs made in code.
 */
export function columnTypes(queryRunner: QueryRunner) {
  const postgres = queryRunner.connection.options.type === 'postgres';
  return {
    id: 'varchar',
    timestamp: postgres ? 'timestamptz' : 'datetime',
    json: 'text',
    text: 'text',
    boolean: 'boolean',
    integer: 'integer',
    bigint: postgres ? 'bigint' : 'integer',
    double: postgres ? 'double precision' : 'real',
  } as const;
}
