import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

export class Runs1764000002000 implements MigrationInterface {
  name = 'Runs1764000002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'runs',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'playbook_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'playbook_name', type: t.text, isNullable: false },
          { name: 'playbook_version', type: t.integer, isNullable: false },
          // The deterministic Temporal workflow id: a retried dispatch finds the run it already made.
          { name: 'workflow_id', type: 'varchar', length: '512', isNullable: false, isUnique: true },
          { name: 'enrollment_key', type: t.text, isNullable: false },
          { name: 'subject_kind', type: 'varchar', length: '16', isNullable: false },
          { name: 'subject_id', type: 'varchar', length: '255', isNullable: false },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'error', type: t.text, isNullable: true },
          { name: 'started_at', type: t.timestamp, isNullable: false },
          { name: 'updated_at', type: t.timestamp, isNullable: false },
          { name: 'finished_at', type: t.timestamp, isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('runs', new TableIndex({ name: 'idx_runs_workspace_started', columnNames: ['workspace_id', 'started_at'] }));

    await queryRunner.createTable(
      new Table({
        name: 'run_steps',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'run_id', type: 'varchar', length: '36', isNullable: false },
          // Order of recording within the run; steps of one workflow task share a timestamp.
          { name: 'seq', type: t.integer, isNullable: false },
          { name: 'step_id', type: 'varchar', length: '255', isNullable: false },
          { name: 'kind', type: 'varchar', length: '32', isNullable: false },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'port', type: 'varchar', length: '255', isNullable: true },
          { name: 'input', type: t.json, isNullable: true },
          { name: 'output', type: t.json, isNullable: true },
          { name: 'error', type: t.text, isNullable: true },
          { name: 'started_at', type: t.timestamp, isNullable: false },
          { name: 'finished_at', type: t.timestamp, isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['run_id'], referencedTableName: 'runs', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    // The history lists a run's steps in order; a duplicate seq would mean two writers raced.
    await queryRunner.createIndex('run_steps', new TableIndex({ name: 'uq_run_steps_run_seq', columnNames: ['run_id', 'seq'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('run_steps');
    await queryRunner.dropTable('runs');
  }
}
