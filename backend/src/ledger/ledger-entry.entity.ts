import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type LedgerState = 'claimed' | 'completed';

/** One side effect (an email, a CRM write) keyed by workflow id + activity id. */
@Entity('side_effect_ledger')
@Index('uq_side_effect_ledger_key', ['workspaceId', 'key'], { unique: true })
export class LedgerEntryEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { length: 512 })
  key!: string;

  @Column('varchar', { length: 16 })
  state!: LedgerState;

  @Column('simple-json', { nullable: true })
  result!: unknown;

  @Column({ name: 'claimed_at' })
  claimedAt!: Date;

  @Column({ name: 'completed_at', type: Date, nullable: true })
  completedAt!: Date | null;
}
