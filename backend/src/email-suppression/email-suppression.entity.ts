import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const SUPPRESSION_REASONS = ['unsubscribe', 'hardBounce', 'complaint', 'manual'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** One address no outreach email of the workspace may reach, and why. */
@Entity('email_suppressions')
@Index('uq_email_suppressions_email', ['workspaceId', 'email'], { unique: true })
@Index('idx_email_suppressions_created', ['workspaceId', 'createdAt'])
export class EmailSuppressionEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  /** Trimmed and lower-cased (normalizeEmail). */
  @Column('varchar', { length: 320 })
  email!: string;

  @Column('varchar', { length: 16 })
  reason!: SuppressionReason;

  /** What the SMTP server said for a bounce, or an admin's note. */
  @Column('text', { nullable: true })
  detail!: string | null;

  /** The run whose email was unsubscribed from or bounced. */
  @Column('varchar', { name: 'source_run_id', length: 36, nullable: true })
  sourceRunId!: string | null;

  /** The outreach step's ledger key (the message). */
  @Column('varchar', { name: 'source_key', length: 512, nullable: true })
  sourceKey!: string | null;

  /** The admin who added it by hand. */
  @Column('varchar', { name: 'created_by', length: 36, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at' })
  createdAt!: Date;
}
