import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

export class Connections1764000002001 implements MigrationInterface {
  name = 'Connections1764000002001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'connections',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'name', type: 'varchar', length: '255', isNullable: false },
          { name: 'connector', type: 'varchar', length: '255', isNullable: false },
          // AES-256-GCM ciphertext of the JSON config (crypto/secret-box.ts); never stored in clear.
          { name: 'config_encrypted', type: t.text, isNullable: false },
          { name: 'created_at', type: t.timestamp, isNullable: false },
          { name: 'updated_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
    // Playbook steps name their connection; the name must say which one.
    await queryRunner.createIndex(
      'connections',
      new TableIndex({ name: 'uq_connections_workspace_name', columnNames: ['workspace_id', 'name'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('connections');
  }
}
