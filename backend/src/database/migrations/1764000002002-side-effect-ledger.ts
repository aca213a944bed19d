import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

export class SideEffectLedger1764000002002 implements MigrationInterface {
  name = 'SideEffectLedger1764000002002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'side_effect_ledger',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'key', type: 'varchar', length: '512', isNullable: false },
          { name: 'state', type: 'varchar', length: '16', isNullable: false },
          { name: 'result', type: t.json, isNullable: true },
          { name: 'claimed_at', type: t.timestamp, isNullable: false },
          { name: 'completed_at', type: t.timestamp, isNullable: true },
        ],
      }),
    );
    // The unique key is what makes a claim atomic: the second insert of a key conflicts.
    await queryRunner.createIndex(
      'side_effect_ledger',
      new TableIndex({ name: 'uq_side_effect_ledger_key', columnNames: ['workspace_id', 'key'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('side_effect_ledger');
  }
}
