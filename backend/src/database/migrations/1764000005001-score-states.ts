import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

/**
 * Live scores: one state per (model, subject), upserted in bulk by the ingest transaction, and one
 * history row per score an event changed. Hot ingest tables, so no foreign keys (like events).
 */
export class ScoreStates1764000005001 implements MigrationInterface {
  name = 'ScoreStates1764000005001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'score_states',
        columns: [
          // The primary key is the upsert's conflict target: one state per model and subject.
          { name: 'workspace_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'model_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'subject_kind', type: 'varchar', length: '16', isPrimary: true },
          { name: 'subject_id', type: 'varchar', length: '36', isPrimary: true },
          // The published version the state was built under; another version starts fresh.
          { name: 'model_version', type: t.integer, isNullable: false },
          { name: 'state', type: t.json, isNullable: false },
          // The score at last_event_at (before any later decay) and its tier.
          { name: 'score', type: t.double, isNullable: false },
          { name: 'tier', type: 'varchar', length: '100', isNullable: true },
          { name: 'last_event_at', type: t.timestamp, isNullable: false },
          { name: 'updated_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex('score_states', new TableIndex({ name: 'idx_score_states_model_score', columnNames: ['workspace_id', 'model_id', 'score'] }));

    await queryRunner.createTable(
      new Table({
        name: 'score_history',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'model_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'subject_kind', type: 'varchar', length: '16', isNullable: false },
          { name: 'subject_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'score', type: t.double, isNullable: false },
          { name: 'tier', type: 'varchar', length: '100', isNullable: true },
          // Event time of the change.
          { name: 'at', type: t.timestamp, isNullable: false },
          { name: 'message_id', type: 'varchar', length: '255', isNullable: false },
        ],
      }),
    );
    await queryRunner.createIndex(
      'score_history',
      new TableIndex({ name: 'idx_score_history_subject_at', columnNames: ['workspace_id', 'subject_kind', 'subject_id', 'at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('score_history');
    await queryRunner.dropTable('score_states');
  }
}
