import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

/** Data-quality counters per workspace, source and UTC day; ingest upserts into them additively. */
export class SourceQualityDays1764000004000 implements MigrationInterface {
  name = 'SourceQualityDays1764000004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    const counter = (name: string) => ({ name, type: t.bigint, isNullable: false, default: 0 });
    await queryRunner.createTable(
      new Table({
        name: 'source_quality_days',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'source', type: 'varchar', length: '255', isNullable: false },
          { name: 'day', type: 'varchar', length: '10', isNullable: false },
          counter('received'),
          counter('duplicates'),
          counter('complete'),
          counter('identified'),
          counter('account_matched'),
          { name: 'last_received_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
    // The upsert's conflict target; the second index serves the report's scan of a day range.
    await queryRunner.createIndex(
      'source_quality_days',
      new TableIndex({ name: 'uq_source_quality_days_workspace_source_day', columnNames: ['workspace_id', 'source', 'day'], isUnique: true }),
    );
    await queryRunner.createIndex('source_quality_days', new TableIndex({ name: 'idx_source_quality_days_workspace_day', columnNames: ['workspace_id', 'day'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('source_quality_days');
  }
}
