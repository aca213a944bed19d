import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

/**
 * Connection budgets (connections/budget/): the latest quota a vendor reported for each connection
 * (HubSpot's daily remaining, Salesforce's 24-hour API usage), one row per connection, replaced by
 * each newer report; and an index so counting a workspace's recent action steps stays cheap.
 */
export class ConnectionVendorQuotas1764000009500 implements MigrationInterface {
  name = 'ConnectionVendorQuotas1764000009500';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'connection_vendor_quotas',
        columns: [
          { name: 'connection_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'remaining', type: t.bigint, isNullable: false },
          { name: 'quota_limit', type: t.bigint, isNullable: true },
          // What the vendor counts the quota over: 'day' (HubSpot, until midnight) or '24h' (Salesforce, rolling).
          { name: 'period', type: 'varchar', length: '16', isNullable: false },
          { name: 'observed_at', type: t.timestamp, isNullable: false },
        ],
        foreignKeys: [{ columnNames: ['connection_id'], referencedTableName: 'connections', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await queryRunner.createIndex(
      'run_steps',
      new TableIndex({ name: 'idx_run_steps_workspace_kind_started', columnNames: ['workspace_id', 'kind', 'started_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('run_steps', 'idx_run_steps_workspace_kind_started');
    await queryRunner.dropTable('connection_vendor_quotas');
  }
}
