import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from '../column-types';

/**
 * Approval gates of runs: the requests an inbox shows, who may decide each one now, and the
 * decisions — append-only, one per request, never updated (the hash-chained audit log comes later).
 */
export class ApprovalRequests1764000007200 implements MigrationInterface {
  name = 'ApprovalRequests1764000007200';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'approval_requests',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: t.id, length: '36', isNullable: false },
          // `<workflowId>:<stepId>:<visit>`: a retried or reset gate finds its request.
          { name: 'idempotency_key', type: 'varchar', length: '1024', isNullable: false },
          { name: 'run_id', type: t.id, length: '36', isNullable: false },
          { name: 'playbook_id', type: t.id, length: '36', isNullable: false },
          { name: 'playbook_name', type: t.text, isNullable: false },
          { name: 'playbook_version', type: t.integer, isNullable: false },
          { name: 'step_id', type: 'varchar', length: '255', isNullable: false },
          { name: 'step_label', type: t.text, isNullable: true },
          { name: 'visit', type: t.integer, isNullable: false },
          { name: 'subject_kind', type: 'varchar', length: '16', isNullable: false },
          { name: 'subject_id', type: 'varchar', length: '255', isNullable: false },
          { name: 'summary', type: t.json, isNullable: false },
          { name: 'assignees', type: t.json, isNullable: false },
          { name: 'escalate_to', type: t.json, isNullable: true },
          { name: 'requester_id', type: t.id, length: '36', isNullable: true },
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'due_at', type: t.timestamp, isNullable: false },
          { name: 'escalated_at', type: t.timestamp, isNullable: true },
          { name: 'decision', type: 'varchar', length: '16', isNullable: true },
          { name: 'decided_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'decided_at', type: t.timestamp, isNullable: true },
          { name: 'comment', type: t.text, isNullable: true },
          { name: 'close_reason', type: 'varchar', length: '16', isNullable: true },
          { name: 'created_at', type: t.timestamp, isNullable: false },
          { name: 'updated_at', type: t.timestamp, isNullable: false },
        ],
        uniques: [{ name: 'uq_approval_requests_key', columnNames: ['workspace_id', 'idempotency_key'] }],
        indices: [
          { name: 'ix_approval_requests_inbox', columnNames: ['workspace_id', 'status', 'created_at'] },
          { name: 'ix_approval_requests_run', columnNames: ['run_id'] },
        ],
        foreignKeys: [
          { columnNames: ['workspace_id'], referencedTableName: 'workspaces', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['run_id'], referencedTableName: 'runs', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    // Who may decide a request now: replaced on escalation; the inbox filters on it.
    await queryRunner.createTable(
      new Table({
        name: 'approval_request_approvers',
        columns: [
          { name: 'request_id', type: t.id, length: '36', isPrimary: true },
          { name: 'user_id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: t.id, length: '36', isNullable: false },
        ],
        indices: [{ name: 'ix_approval_request_approvers_user', columnNames: ['workspace_id', 'user_id'] }],
        foreignKeys: [
          { columnNames: ['request_id'], referencedTableName: 'approval_requests', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'approval_decisions',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: t.id, length: '36', isNullable: false },
          { name: 'request_id', type: t.id, length: '36', isNullable: false },
          { name: 'decision', type: 'varchar', length: '16', isNullable: false },
          { name: 'decided_by', type: 'varchar', length: '36', isNullable: false },
          { name: 'comment', type: t.text, isNullable: true },
          { name: 'reason', type: 'varchar', length: '16', isNullable: false },
          { name: 'decided_at', type: t.timestamp, isNullable: false },
          { name: 'recorded_at', type: t.timestamp, isNullable: false },
        ],
        uniques: [{ name: 'uq_approval_decisions_request', columnNames: ['request_id'] }],
        indices: [{ name: 'ix_approval_decisions_workspace', columnNames: ['workspace_id', 'decided_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('approval_decisions');
    await queryRunner.dropTable('approval_request_approvers');
    await queryRunner.dropTable('approval_requests');
  }
}
