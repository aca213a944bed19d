import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Bigint counters read back as numbers (PostgreSQL returns bigint as a string). */
const count = { from: (value: unknown): number => Number(value), to: (value: number): number => value };

/**
 * Data-quality counters of one source of a workspace on one UTC day, added to by every ingest
 * request (one upsert per source-day per request). Unique on (workspace_id, source, day).
 */
@Entity('source_quality_days')
export class SourceQualityDayEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  /** e.g. `segment:analytics-node` */
  @Column('varchar', { length: 255 })
  source!: string;

  /** `YYYY-MM-DD` (UTC): compares as text on both databases. */
  @Column('varchar', { length: 10 })
  day!: string;

  @Column('bigint', { transformer: count })
  received!: number;

  @Column('bigint', { transformer: count })
  duplicates!: number;

  @Column('bigint', { transformer: count })
  complete!: number;

  @Column('bigint', { transformer: count })
  identified!: number;

  @Column('bigint', { name: 'account_matched', transformer: count })
  accountMatched!: number;

  /** The latest `receivedAt` of the source's calls that day. */
  @Column({ name: 'last_received_at' })
  lastReceivedAt!: Date;
}
