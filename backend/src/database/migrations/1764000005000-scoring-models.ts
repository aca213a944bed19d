import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnTypes } from '../column-types';

/** Scoring models (drafts) and their immutable published versions, like playbooks. */
export class ScoringModels1764000005000 implements MigrationInterface {
  name = 'ScoringModels1764000005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'scoring_models',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: t.id, length: '36', isNullable: false },
          { name: 'name', type: 'varchar', length: '200', isNullable: false },
          // 'events' or 'components', kept in step with the draft's kind
          { name: 'kind', type: 'varchar', length: '16', isNullable: false },
          { name: 'draft', type: t.json, isNullable: false },
          { name: 'published_version', type: t.integer, isNullable: true },
          { name: 'created_by', type: t.id, length: '36', isNullable: true },
          { name: 'created_at', type: t.timestamp, isNullable: false },
          { name: 'updated_at', type: t.timestamp, isNullable: false },
        ],
        indices: [{ name: 'ix_scoring_models_workspace_updated', columnNames: ['workspace_id', 'updated_at'] }],
        foreignKeys: [{ columnNames: ['workspace_id'], referencedTableName: 'workspaces', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'scoring_model_versions',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: t.id, length: '36', isNullable: false },
          { name: 'model_id', type: t.id, length: '36', isNullable: false },
          { name: 'version', type: t.integer, isNullable: false },
          { name: 'definition', type: t.json, isNullable: false },
          { name: 'published_at', type: t.timestamp, isNullable: false },
          { name: 'published_by', type: t.id, length: '36', isNullable: true },
        ],
        // Two concurrent publishes cannot both become version N.
        uniques: [{ name: 'uq_scoring_model_versions_model_version', columnNames: ['model_id', 'version'] }],
        indices: [{ name: 'ix_scoring_model_versions_workspace', columnNames: ['workspace_id'] }],
        foreignKeys: [{ columnNames: ['model_id'], referencedTableName: 'scoring_models', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('scoring_model_versions');
    await queryRunner.dropTable('scoring_models');
  }
}
