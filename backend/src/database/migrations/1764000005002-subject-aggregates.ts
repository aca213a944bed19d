import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from '../column-types';

/**
 * Per subject (person or account): the windowed event aggregates the workspace's triggers read, and
 * when the subject was last active (what inactivity triggers read). Upserted by the ingest transaction.
 */
export class SubjectAggregates1764000005002 implements MigrationInterface {
  name = 'SubjectAggregates1764000005002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'subject_aggregates',
        columns: [
          { name: 'workspace_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'subject_kind', type: 'varchar', length: '16', isPrimary: true },
          { name: 'subject_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'aggregates', type: t.json, isNullable: false },
          { name: 'last_event_at', type: t.timestamp, isNullable: false },
          { name: 'last_event_at_by_name', type: t.json, isNullable: false },
          { name: 'updated_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('subject_aggregates');
  }
}
