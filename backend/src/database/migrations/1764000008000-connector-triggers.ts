import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

/**
 * Connector triggers (connector-triggers/, crm-changes/): one subscription per connection and trigger
 * (its options, whether it polls, the checkpoint and the last poll's outcome), and every CRM change a
 * connector delivered, unique by the change's id so a redelivery stores and enrolls nothing twice.
 */
export class ConnectorTriggers1764000008000 implements MigrationInterface {
  name = 'ConnectorTriggers1764000008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'connector_trigger_subscriptions',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'connection_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'trigger', type: 'varchar', length: '100', isNullable: false },
          { name: 'options', type: t.json, isNullable: false },
          { name: 'enabled', type: t.boolean, isNullable: false },
          { name: 'checkpoint', type: t.json, isNullable: true },
          { name: 'checkpoint_time', type: t.timestamp, isNullable: true },
          { name: 'last_poll_at', type: t.timestamp, isNullable: true },
          { name: 'last_delivery_at', type: t.timestamp, isNullable: true },
          { name: 'items_delivered', type: t.integer, isNullable: false, default: 0 },
          { name: 'last_error', type: t.text, isNullable: true },
          { name: 'last_error_at', type: t.timestamp, isNullable: true },
          { name: 'created_at', type: t.timestamp, isNullable: false },
          { name: 'updated_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'connector_trigger_subscriptions',
      new TableIndex({ name: 'uq_connector_trigger_subscriptions', columnNames: ['workspace_id', 'connection_id', 'trigger'], isUnique: true }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'crm_changes',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'change_id', type: 'varchar', length: '300', isNullable: false },
          { name: 'connection_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'object', type: 'varchar', length: '16', isNullable: false },
          { name: 'record_id', type: 'varchar', length: '255', isNullable: false },
          { name: 'changes', type: t.json, isNullable: false },
          { name: 'record', type: t.json, isNullable: false },
          { name: 'person_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'account_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'changed_at', type: t.timestamp, isNullable: false },
          { name: 'received_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'crm_changes',
      new TableIndex({ name: 'uq_crm_changes_change', columnNames: ['workspace_id', 'change_id'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('crm_changes');
    await queryRunner.dropTable('connector_trigger_subscriptions');
  }
}
