import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

/** People and accounts (Segment users and groups) and the ids that point at them. */
export class Identity1764000003001 implements MigrationInterface {
  name = 'Identity1764000003001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'persons',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          // null while the person is known only by anonymous ids
          { name: 'user_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'traits', type: t.json, isNullable: false },
          // the account of the person's latest group call
          { name: 'account_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: t.timestamp, isNullable: false },
          { name: 'updated_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex('persons', new TableIndex({ name: 'uq_persons_workspace_user', columnNames: ['workspace_id', 'user_id'], isUnique: true }));

    await queryRunner.createTable(
      new Table({
        name: 'person_identities',
        columns: [
          { name: 'workspace_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16', isPrimary: true },
          { name: 'value', type: 'varchar', length: '255', isPrimary: true },
          { name: 'person_id', type: 'varchar', length: '36', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex('person_identities', new TableIndex({ name: 'idx_person_identities_person', columnNames: ['workspace_id', 'person_id'] }));

    await queryRunner.createTable(
      new Table({
        name: 'accounts',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'group_id', type: 'varchar', length: '255', isNullable: false },
          { name: 'traits', type: t.json, isNullable: false },
          { name: 'created_at', type: t.timestamp, isNullable: false },
          { name: 'updated_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex('accounts', new TableIndex({ name: 'uq_accounts_workspace_group', columnNames: ['workspace_id', 'group_id'], isUnique: true }));

    await queryRunner.createTable(
      new Table({
        name: 'account_members',
        columns: [
          { name: 'workspace_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'person_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'created_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex('account_members', new TableIndex({ name: 'idx_account_members_person', columnNames: ['workspace_id', 'person_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('account_members');
    await queryRunner.dropTable('accounts');
    await queryRunner.dropTable('person_identities');
    await queryRunner.dropTable('persons');
  }
}
