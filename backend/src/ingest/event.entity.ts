import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SegmentCallType } from './segment/segment-call';

/** One accepted Segment call. Written in bulk by IngestService; read by profiles, triggers and backtests. */
@Entity('events')
export class EventEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { name: 'message_id', length: 255 })
  messageId!: string;

  @Column('varchar', { length: 16 })
  type!: SegmentCallType;

  /** track: the event name. */
  @Column('varchar', { length: 255, nullable: true })
  event!: string | null;

  /** page / screen: the page or screen name. */
  @Column('varchar', { length: 255, nullable: true })
  name!: string | null;

  @Column('varchar', { length: 255, nullable: true })
  category!: string | null;

  @Column('varchar', { name: 'user_id', length: 255, nullable: true })
  userId!: string | null;

  @Column('varchar', { name: 'anonymous_id', length: 255, nullable: true })
  anonymousId!: string | null;

  /** alias: the id the user was known by before. */
  @Column('varchar', { name: 'previous_id', length: 255, nullable: true })
  previousId!: string | null;

  @Column('varchar', { name: 'person_id', length: 36, nullable: true })
  personId!: string | null;

  @Column('varchar', { name: 'group_id', length: 255, nullable: true })
  groupId!: string | null;

  @Column('simple-json')
  properties!: Record<string, unknown>;

  @Column('simple-json')
  traits!: Record<string, unknown>;

  @Column('simple-json')
  context!: Record<string, unknown>;

  /** Clock-skew corrected event time (Segment's rule: receivedAt - (sentAt - originalTimestamp)). */
  @Column({ name: 'timestamp' })
  timestamp!: Date;

  /** The timestamp the client sent, uncorrected. */
  @Column({ name: 'original_timestamp', type: Date, nullable: true })
  originalTimestamp!: Date | null;

  @Column({ name: 'sent_at', type: Date, nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'received_at' })
  receivedAt!: Date;
}
