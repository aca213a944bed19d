import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

/**
 * The tamper-evident audit log (audit/): one hash chain per workspace. `audit_log` is append-only —
 * database triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) — and `audit_chain_heads`
 * holds each chain's last seq and hash, which appends lock and advance and verification compares
 * with the last entry (so removing the newest entries is noticed too).
 */
export class AuditLog1764000009000 implements MigrationInterface {
  name = 'AuditLog1764000009000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'seq', type: t.bigint, isNullable: false },
          { name: 'at', type: t.timestamp, isNullable: false },
          // Exactly one of the two: a person, or a part of the system ('bootstrap', 'changeApproval workflow').
          { name: 'actor_user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'actor_system', type: 'varchar', length: '100', isNullable: true },
          { name: 'action', type: 'varchar', length: '100', isNullable: false },
          { name: 'target_kind', type: 'varchar', length: '50', isNullable: false },
          { name: 'target_id', type: 'varchar', length: '320', isNullable: false },
          { name: 'details', type: t.json, isNullable: true },
          { name: 'prev_hash', type: 'varchar', length: '64', isNullable: false },
          { name: 'hash', type: 'varchar', length: '64', isNullable: false },
          { name: 'key_id', type: 'varchar', length: '16', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex('audit_log', new TableIndex({ name: 'uq_audit_log_seq', columnNames: ['workspace_id', 'seq'], isUnique: true }));
    await queryRunner.createIndex('audit_log', new TableIndex({ name: 'idx_audit_log_target', columnNames: ['workspace_id', 'target_kind', 'target_id', 'seq'] }));
    await queryRunner.createIndex('audit_log', new TableIndex({ name: 'idx_audit_log_action', columnNames: ['workspace_id', 'action', 'seq'] }));
    await queryRunner.createIndex('audit_log', new TableIndex({ name: 'idx_audit_log_actor', columnNames: ['workspace_id', 'actor_user_id', 'seq'] }));
    await queryRunner.createIndex('audit_log', new TableIndex({ name: 'idx_audit_log_at', columnNames: ['workspace_id', 'at'] }));

    await queryRunner.createTable(
      new Table({
        name: 'audit_chain_heads',
        columns: [
          { name: 'workspace_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'seq', type: t.bigint, isNullable: false },
          { name: 'hash', type: 'varchar', length: '64', isNullable: false },
        ],
      }),
    );

    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`
        CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
        END
        $$`);
      await queryRunner.query(
        `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
      );
    } else {
      await queryRunner.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END`);
      await queryRunner.query(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP TABLE IF EXISTS audit_log');
      await queryRunner.query('DROP FUNCTION IF EXISTS audit_log_refuse_change()');
    } else {
      await queryRunner.query('DROP TRIGGER IF EXISTS audit_log_no_update');
      await queryRunner.query('DROP TRIGGER IF EXISTS audit_log_no_delete');
      await queryRunner.query('DROP TABLE IF EXISTS audit_log');
    }
    await queryRunner.dropTable('audit_chain_heads');
  }
}
