import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

/**
 * Per published playbook with inactivity, schedule or relative-date triggers: the end of the last
 * window a tick evaluated, so the next tick covers exactly (last_tick_at, now] — after a restart too.
 * Plus an index for the inactivity query, which asks subject_aggregates for subjects whose last
 * activity falls in a time range.
 */
export class TriggerTicks1764000006000 implements MigrationInterface {
  name = 'TriggerTicks1764000006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'trigger_ticks',
        columns: [
          { name: 'workspace_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'playbook_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'last_tick_at', type: t.timestamp, isNullable: false },
          { name: 'updated_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'subject_aggregates',
      new TableIndex({ name: 'idx_subject_aggregates_last_event', columnNames: ['workspace_id', 'subject_kind', 'last_event_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('subject_aggregates', 'idx_subject_aggregates_last_event');
    await queryRunner.dropTable('trigger_ticks');
  }
}
