import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

/** The transactional outbox: trigger firings written with the events that caused them. */
export class Outbox1764000003003 implements MigrationInterface {
  name = 'Outbox1764000003003';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'outbox',
        columns: [
          // time-ordered (UUID v7): ordering by id is ordering by insertion
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'kind', type: 'varchar', length: '32', isNullable: false },
          { name: 'payload', type: t.json, isNullable: false },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'attempts', type: t.integer, isNullable: false, default: 0 },
          { name: 'last_error', type: t.text, isNullable: true },
          { name: 'available_at', type: t.timestamp, isNullable: false },
          { name: 'created_at', type: t.timestamp, isNullable: false },
          { name: 'dispatched_at', type: t.timestamp, isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('outbox', new TableIndex({ name: 'idx_outbox_status_available', columnNames: ['status', 'available_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('outbox');
  }
}
