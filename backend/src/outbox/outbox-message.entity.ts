import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OutboxPayload } from './signal-run-payload';

export type OutboxStatus = 'pending' | 'dispatched' | 'failed';
/**
 * startPlaybookRun: start a run (StartPlaybookRunPayload); signalRun: wake a waiting run (SignalRunPayload);
 * startWorkflow / signalWorkflow: start or signal any workflow (workflow-payloads.ts).
 */
export type OutboxKind = 'startPlaybookRun' | 'signalRun' | 'startWorkflow' | 'signalWorkflow';

/** One firing waiting to be (or already) handed to Temporal. Written in the ingest transaction. */
@Entity('outbox')
export class OutboxMessageEntity {
  /** UUID v7: ordering by id is insertion order. */
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { length: 32 })
  kind!: OutboxKind;

  @Column('simple-json')
  payload!: OutboxPayload;

  @Column('varchar', { length: 16 })
  status!: OutboxStatus;

  @Column('integer')
  attempts!: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  /** Not before this time: a claim or a back-off moves it forward. */
  @Column({ name: 'available_at' })
  availableAt!: Date;

  @Column({ name: 'created_at' })
  createdAt!: Date;

  @Column({ name: 'dispatched_at', type: Date, nullable: true })
  dispatchedAt!: Date | null;
}
