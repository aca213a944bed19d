import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

/** One row per subject that entered a playbook; the key makes a repeated firing a no-op. */
export class Enrollments1764000003002 implements MigrationInterface {
  name = 'Enrollments1764000003002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'enrollments',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'enrollment_key', type: 'varchar', length: '512', isNullable: false },
          { name: 'playbook_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'playbook_version', type: t.integer, isNullable: false },
          { name: 'subject_kind', type: 'varchar', length: '16', isNullable: false },
          { name: 'subject_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'message_id', type: 'varchar', length: '255', isNullable: false },
          // the triggering event's timestamp: re-enrollment windows are measured in event time
          { name: 'event_timestamp', type: t.timestamp, isNullable: false },
          { name: 'created_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex('enrollments', new TableIndex({ name: 'uq_enrollments_workspace_key', columnNames: ['workspace_id', 'enrollment_key'], isUnique: true }));
    await queryRunner.createIndex(
      'enrollments',
      new TableIndex({ name: 'idx_enrollments_subject', columnNames: ['workspace_id', 'playbook_id', 'subject_kind', 'subject_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('enrollments');
  }
}
