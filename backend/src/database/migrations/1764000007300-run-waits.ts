import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

/**
 * The waits of waitForEvent steps (run-waits/): one row per (workflow, step, visit), matched by the
 * ingest transaction against the batch's track events. The (workspace, status, event) index keeps
 * that per-batch query an index lookup, and empty when nothing waits.
 */
export class RunWaits1764000007300 implements MigrationInterface {
  name = 'RunWaits1764000007300';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'run_waits',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'run_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'workflow_id', type: 'varchar', length: '512', isNullable: false },
          { name: 'temporal_run_id', type: 'varchar', length: '64', isNullable: false },
          { name: 'step_id', type: 'varchar', length: '255', isNullable: false },
          { name: 'visit', type: t.integer, isNullable: false },
          { name: 'subject_kind', type: 'varchar', length: '16', isNullable: false },
          { name: 'subject_id', type: 'varchar', length: '255', isNullable: false },
          { name: 'event_name', type: 'varchar', length: '255', isNullable: false },
          { name: 'event_where', type: t.json, isNullable: true },
          // open → matched (signal written to the outbox) → received | timedOut | cancelled (closed by the run)
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'message_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'opened_at', type: t.timestamp, isNullable: false },
          { name: 'expires_at', type: t.timestamp, isNullable: false },
          { name: 'matched_at', type: t.timestamp, isNullable: true },
          { name: 'closed_at', type: t.timestamp, isNullable: true },
          { name: 'created_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'run_waits',
      new TableIndex({ name: 'uq_run_waits_workflow_step_visit', columnNames: ['workspace_id', 'workflow_id', 'step_id', 'visit'], isUnique: true }),
    );
    await queryRunner.createIndex('run_waits', new TableIndex({ name: 'idx_run_waits_open_event', columnNames: ['workspace_id', 'status', 'event_name'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('run_waits');
  }
}
