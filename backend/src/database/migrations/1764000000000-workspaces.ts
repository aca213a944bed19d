import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from '../column-types';

export class Workspaces1764000000000 implements MigrationInterface {
  name = 'Workspaces1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'workspaces',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'name', type: t.text, isNullable: false },
          // sha256 of the ingest write key: keys are looked up, never stored in clear.
          { name: 'write_key_hash', type: 'varchar', length: '64', isNullable: false, isUnique: true },
          { name: 'created_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('workspaces');
  }
}
