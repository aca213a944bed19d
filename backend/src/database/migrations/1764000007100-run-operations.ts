import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

/** Operator actions on runs (retry, cancel, reset): append-only. */
export class RunOperations1764000007100 implements MigrationInterface {
  name = 'RunOperations1764000007100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'run_operations',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'run_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'action', type: 'varchar', length: '16', isNullable: false },
          { name: 'actor_user_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'outcome', type: 'varchar', length: '16', isNullable: false },
          { name: 'detail', type: t.json, isNullable: true },
          { name: 'error', type: t.text, isNullable: true },
          { name: 'created_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'run_operations',
      new TableIndex({ name: 'idx_run_operations_run', columnNames: ['workspace_id', 'run_id', 'created_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('run_operations');
  }
}
