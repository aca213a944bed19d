import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from '../column-types';

export class Playbooks1764000001001 implements MigrationInterface {
  name = 'Playbooks1764000001001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'playbooks',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: t.id, length: '36', isNullable: false },
          { name: 'name', type: 'varchar', length: '200', isNullable: false },
          { name: 'description', type: t.text, isNullable: true },
          { name: 'draft', type: t.json, isNullable: false },
          { name: 'published_version', type: t.integer, isNullable: true },
          { name: 'created_by', type: t.id, length: '36', isNullable: true },
          { name: 'created_at', type: t.timestamp, isNullable: false },
          { name: 'updated_at', type: t.timestamp, isNullable: false },
        ],
        indices: [
          { name: 'ix_playbooks_workspace_updated', columnNames: ['workspace_id', 'updated_at'] },
        ],
        foreignKeys: [
          { columnNames: ['workspace_id'], referencedTableName: 'workspaces', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'playbook_versions',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: t.id, length: '36', isNullable: false },
          { name: 'playbook_id', type: t.id, length: '36', isNullable: false },
          { name: 'version', type: t.integer, isNullable: false },
          { name: 'definition', type: t.json, isNullable: false },
          { name: 'published_at', type: t.timestamp, isNullable: false },
          { name: 'published_by', type: t.id, length: '36', isNullable: true },
        ],
        // Two concurrent publishes cannot both become version N.
        uniques: [{ name: 'uq_playbook_versions_playbook_version', columnNames: ['playbook_id', 'version'] }],
        indices: [{ name: 'ix_playbook_versions_workspace', columnNames: ['workspace_id'] }],
        foreignKeys: [
          { columnNames: ['playbook_id'], referencedTableName: 'playbooks', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('playbook_versions');
    await queryRunner.dropTable('playbooks');
  }
}
