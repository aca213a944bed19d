import type { PollCheckpoint } from '@tripline/connector-sdk';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One trigger of one connection, switched on: its options, and for polling triggers where the next
 * poll starts (the checkpoint) and how the last one went. Webhook triggers use the row for options
 * and delivery counts only.
 */
@Entity('connector_trigger_subscriptions')
@Index('uq_connector_trigger_subscriptions', ['workspaceId', 'connectionId', 'trigger'], { unique: true })
export class ConnectorTriggerSubscriptionEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { name: 'connection_id', length: 36 })
  connectionId!: string;

  /** The trigger's name in its connector, e.g. "exportEvents". */
  @Column('varchar', { length: 100 })
  trigger!: string;

  /** Validated against the trigger's options schema when saved. */
  @Column('simple-json')
  options!: Record<string, unknown>;

  @Column('boolean')
  enabled!: boolean;

  @Column('simple-json', { nullable: true })
  checkpoint!: PollCheckpoint | null;

  /** The checkpoint's time as a column, for listing and sorting. */
  @Column({ name: 'checkpoint_time', type: Date, nullable: true })
  checkpointTime!: Date | null;

  @Column({ name: 'last_poll_at', type: Date, nullable: true })
  lastPollAt!: Date | null;

  @Column({ name: 'last_delivery_at', type: Date, nullable: true })
  lastDeliveryAt!: Date | null;

  /** Items stored from this trigger (new events and CRM changes; duplicates not counted). */
  @Column('integer', { name: 'items_delivered' })
  itemsDelivered!: number;

  /** The last poll's failure, cleared by the next success. Never holds credentials (connector errors do not). */
  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_error_at', type: Date, nullable: true })
  lastErrorAt!: Date | null;

  @Column({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'updated_at' })
  updatedAt!: Date;
}
