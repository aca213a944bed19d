import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from '../column-types';

/** Segment-compatible events, one row per accepted call (track, identify, group, page, screen, alias). */
export class Events1764000003000 implements MigrationInterface {
  name = 'Events1764000003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'events',
        columns: [
          { name: 'id', type: t.id, length: '36', isPrimary: true },
          { name: 'workspace_id', type: 'varchar', length: '36', isNullable: false },
          { name: 'message_id', type: 'varchar', length: '255', isNullable: false },
          { name: 'type', type: 'varchar', length: '16', isNullable: false },
          // track: the event name
          { name: 'event', type: 'varchar', length: '255', isNullable: true },
          // page / screen: name and category
          { name: 'name', type: 'varchar', length: '255', isNullable: true },
          { name: 'category', type: 'varchar', length: '255', isNullable: true },
          { name: 'user_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'anonymous_id', type: 'varchar', length: '255', isNullable: true },
          // alias: the id the user was known by before
          { name: 'previous_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'person_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'group_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'properties', type: t.json, isNullable: false },
          { name: 'traits', type: t.json, isNullable: false },
          { name: 'context', type: t.json, isNullable: false },
          { name: 'timestamp', type: t.timestamp, isNullable: false },
          { name: 'original_timestamp', type: t.timestamp, isNullable: true },
          { name: 'sent_at', type: t.timestamp, isNullable: true },
          { name: 'received_at', type: t.timestamp, isNullable: false },
        ],
      }),
    );
    // messageId is deduplicated per workspace: a retried delivery is stored once.
    await queryRunner.createIndex('events', new TableIndex({ name: 'uq_events_workspace_message', columnNames: ['workspace_id', 'message_id'], isUnique: true }));
    await queryRunner.createIndex('events', new TableIndex({ name: 'idx_events_workspace_person_time', columnNames: ['workspace_id', 'person_id', 'timestamp'] }));
    await queryRunner.createIndex('events', new TableIndex({ name: 'idx_events_workspace_event_time', columnNames: ['workspace_id', 'event', 'timestamp'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('events');
  }
}
