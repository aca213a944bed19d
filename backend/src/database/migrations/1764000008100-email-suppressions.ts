import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

/**
 * The per-workspace email suppression list (email-suppression/): addresses no outreach email may
 * reach — unsubscribed, hard-bounced, complained, or added by an admin. One row per address
 * (lower-cased), so adding is idempotent; the first reason is kept.
 */
export class EmailSuppressions1764000008100 implements MigrationInterface {
  name = 'EmailSuppressions1764000008100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'email_suppressions',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'email', type: 'varchar', length: '320', isNullable: false },
          // unsubscribe | hardBounce | complaint | manual
          { name: 'reason', type: 'varchar', length: '16', isNullable: false },
          { name: 'detail', type: t.text, isNullable: true },
          { name: 'source_run_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'source_key', type: 'varchar', length: '512', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'email_suppressions',
      new TableIndex({ name: 'uq_email_suppressions_email', columnNames: ['workspace_id', 'email'], isUnique: true }),
    );
    await queryRunner.createIndex(
      'email_suppressions',
      new TableIndex({ name: 'idx_email_suppressions_created', columnNames: ['workspace_id', 'created_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('email_suppressions');
  }
}
