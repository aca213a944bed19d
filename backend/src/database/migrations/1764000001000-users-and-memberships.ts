import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from '../column-types';

export class UsersAndMemberships1764000001000 implements MigrationInterface {
  name = 'UsersAndMemberships1764000001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          // Lowercased in code before it is stored, so this unique index is case-insensitive in effect.
          { name: 'email', type: 'varchar', length: '320', isNullable: false },
          { name: 'name', type: t.text, isNullable: true },
          { name: 'password_hash', type: t.text, isNullable: false },
          { name: 'created_at', type: t.timestamp, isNullable: false },
        ],
        uniques: [{ name: 'uq_users_email', columnNames: ['email'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'memberships',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: t.id, length: '36', isNullable: false },
          { name: 'user_id', type: t.id, length: '36', isNullable: false },
          { name: 'role', type: 'varchar', length: '20', isNullable: false },
          { name: 'created_at', type: t.timestamp, isNullable: false },
        ],
        uniques: [{ name: 'uq_memberships_user_workspace', columnNames: ['user_id', 'workspace_id'] }],
        indices: [{ name: 'ix_memberships_workspace', columnNames: ['workspace_id'] }],
        foreignKeys: [
          { columnNames: ['workspace_id'], referencedTableName: 'workspaces', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('memberships');
    await queryRunner.dropTable('users');
  }
}
