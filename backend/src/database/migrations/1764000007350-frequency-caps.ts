import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

/**
 * Per-contact frequency caps (frequency-caps/): the workspace's rules, one claim per outreach step
 * (unique by ledger key, so a retried step finds its own claim), and one row per contact that claims
 * lock so concurrent claims for a contact are decided one at a time.
 */
export class FrequencyCaps1764000007350 implements MigrationInterface {
  name = 'FrequencyCaps1764000007350';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'frequency_cap_settings',
        columns: [
          { name: 'workspace_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'rules', type: t.json, isNullable: false },
          { name: 'updated_at', type: t.timestamp, isNullable: false },
          { name: 'updated_by', type: 'varchar', length: '36', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'frequency_cap_claims',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'ledger_key', type: 'varchar', length: '512', isNullable: false },
          { name: 'contact_key', type: 'varchar', length: '300', isNullable: false },
          { name: 'channel', type: 'varchar', length: '16', isNullable: false },
          { name: 'playbook_id', type: 'varchar', length: '64', isNullable: false },
          { name: 'run_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'priority', type: t.integer, isNullable: false },
          // reserved → committed | lost
          { name: 'state', type: 'varchar', length: '16', isNullable: false },
          { name: 'claimed_at', type: t.timestamp, isNullable: false },
          { name: 'committed_at', type: t.timestamp, isNullable: true },
          { name: 'lost_to_playbook_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'lost_to_priority', type: t.integer, isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'frequency_cap_claims',
      new TableIndex({ name: 'uq_frequency_cap_claims_key', columnNames: ['workspace_id', 'ledger_key'], isUnique: true }),
    );
    await queryRunner.createIndex(
      'frequency_cap_claims',
      new TableIndex({ name: 'idx_frequency_cap_claims_contact', columnNames: ['workspace_id', 'contact_key', 'claimed_at'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'frequency_cap_contacts',
        columns: [
          { name: 'workspace_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'contact_key', type: 'varchar', length: '300', isPrimary: true },
          { name: 'last_claim_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('frequency_cap_contacts');
    await queryRunner.dropTable('frequency_cap_claims');
    await queryRunner.dropTable('frequency_cap_settings');
  }
}
