import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from '../column-types';

/**
 * Governance (governance/): each workspace's approval policy, change requests (what would go live,
 * snapshotted at submit with its diff, impact and the levels that apply) and their decisions —
 * append-only: database triggers refuse UPDATE and DELETE on `change_request_decisions`, so a
 * decision, once recorded, is history.
 */
export class Governance1764000009100 implements MigrationInterface {
  name = 'Governance1764000009100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'approval_policies',
        columns: [
          { name: 'workspace_id', type: t.id, length: '36', isPrimary: true },
          { name: 'policy', type: t.json, isNullable: false },
          { name: 'updated_by', type: t.id, length: '36', isNullable: true },
          { name: 'updated_at', type: t.timestamp, isNullable: false },
          // 1, 2, …: bumped on every update.
          { name: 'version', type: t.integer, isNullable: false },
        ],
        foreignKeys: [{ columnNames: ['workspace_id'], referencedTableName: 'workspaces', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'change_requests',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: t.id, length: '36', isNullable: false },
          // publishPlaybook | publishScoringModel | changeThreshold | rollback
          { name: 'kind', type: 'varchar', length: '32', isNullable: false },
          // playbook | scoringModel
          { name: 'target_kind', type: 'varchar', length: '16', isNullable: false },
          { name: 'target_id', type: t.id, length: '36', isNullable: false },
          { name: 'target_name', type: t.text, isNullable: false },
          { name: 'title', type: t.text, isNullable: false },
          { name: 'reason', type: t.text, isNullable: true },
          // pending | published | rejected | recalled | expired | superseded
          { name: 'status', type: 'varchar', length: '16', isNullable: false },
          { name: 'attempt', type: t.integer, isNullable: false },
          { name: 'current_level', type: t.integer, isNullable: false },
          { name: 'levels', type: t.json, isNullable: false },
          { name: 'base_version', type: t.integer, isNullable: true },
          { name: 'proposed', type: t.json, isNullable: false },
          // changeThreshold: { path, value }; kept so a resubmit re-applies it to the published version.
          { name: 'threshold', type: t.json, isNullable: true },
          { name: 'rollback_to_version', type: t.integer, isNullable: true },
          { name: 'diff', type: t.json, isNullable: false },
          { name: 'impact', type: t.json, isNullable: true },
          { name: 'requested_by', type: t.id, length: '36', isNullable: false },
          { name: 'requested_at', type: t.timestamp, isNullable: false },
          { name: 'escalated_levels', type: t.json, isNullable: false },
          { name: 'decided_at', type: t.timestamp, isNullable: true },
          { name: 'published_version', type: t.integer, isNullable: true },
          { name: 'closed_reason', type: t.text, isNullable: true },
          { name: 'updated_at', type: t.timestamp, isNullable: false },
        ],
        indices: [
          { name: 'ix_change_requests_list', columnNames: ['workspace_id', 'requested_at'] },
          { name: 'ix_change_requests_target', columnNames: ['workspace_id', 'target_kind', 'target_id', 'status'] },
          { name: 'ix_change_requests_requester', columnNames: ['workspace_id', 'requested_by', 'status'] },
        ],
        foreignKeys: [{ columnNames: ['workspace_id'], referencedTableName: 'workspaces', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'change_request_decisions',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'request_id', type: t.id, length: '36', isNullable: false },
          { name: 'workspace_id', type: t.id, length: '36', isNullable: false },
          { name: 'attempt', type: t.integer, isNullable: false },
          { name: 'level', type: t.integer, isNullable: false },
          { name: 'decided_by', type: t.id, length: '36', isNullable: false },
          // approve | reject
          { name: 'decision', type: 'varchar', length: '16', isNullable: false },
          { name: 'comment', type: t.text, isNullable: true },
          { name: 'at', type: t.timestamp, isNullable: false },
        ],
        uniques: [{ name: 'uq_change_request_decisions_once', columnNames: ['request_id', 'attempt', 'level', 'decided_by'] }],
        indices: [{ name: 'ix_change_request_decisions_workspace', columnNames: ['workspace_id', 'at'] }],
        // No cascade: a decision outlives nothing it refers to (the trigger below refuses deletes anyway).
        foreignKeys: [{ columnNames: ['request_id'], referencedTableName: 'change_requests', referencedColumnNames: ['id'] }],
      }),
    );
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`CREATE FUNCTION change_request_decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'change_request_decisions is append-only';
END
$$`);
      await queryRunner.query(
        `CREATE TRIGGER change_request_decisions_append_only BEFORE UPDATE OR DELETE ON change_request_decisions
         FOR EACH ROW EXECUTE FUNCTION change_request_decisions_append_only()`,
      );
    } else {
      for (const operation of ['UPDATE', 'DELETE']) {
        await queryRunner.query(
          `CREATE TRIGGER change_request_decisions_no_${operation.toLowerCase()} BEFORE ${operation} ON change_request_decisions
           BEGIN SELECT RAISE(ABORT, 'change_request_decisions is append-only'); END`,
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP TRIGGER IF EXISTS change_request_decisions_append_only ON change_request_decisions');
      await queryRunner.query('DROP FUNCTION IF EXISTS change_request_decisions_append_only()');
    }
    await queryRunner.dropTable('change_request_decisions');
    await queryRunner.dropTable('change_requests');
    await queryRunner.dropTable('approval_policies');
  }
}
