import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OutreachChannel } from './frequency-cap-rules';

export type ClaimState = 'reserved' | 'committed' | 'lost';

/**
 * One outreach step's claim on a contact, keyed by the step's ledger key (one per side effect).
 * reserved → committed (about to be sent: it counts for good), or reserved → lost (a
 * higher-priority playbook took the contact before this one sent anything).
 */
@Entity('frequency_cap_claims')
@Index('uq_frequency_cap_claims_key', ['workspaceId', 'ledgerKey'], { unique: true })
@Index('idx_frequency_cap_claims_contact', ['workspaceId', 'contactKey', 'claimedAt'])
export class FrequencyCapClaimEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('varchar', { name: 'ledger_key', length: 512 })
  ledgerKey!: string;

  /** `<person|account>:<id>`: the run's subject. */
  @Column('varchar', { name: 'contact_key', length: 300 })
  contactKey!: string;

  @Column('varchar', { length: 16 })
  channel!: OutreachChannel;

  @Column('varchar', { name: 'playbook_id', length: 64 })
  playbookId!: string;

  @Column('varchar', { name: 'run_id', length: 36 })
  runId!: string;

  @Column('integer')
  priority!: number;

  @Column('varchar', { length: 16 })
  state!: ClaimState;

  @Column({ name: 'claimed_at' })
  claimedAt!: Date;

  @Column({ name: 'committed_at', type: Date, nullable: true })
  committedAt!: Date | null;

  /** Who took the contact over (state 'lost'): the winner's playbook and priority, for the loser's step. */
  @Column('varchar', { name: 'lost_to_playbook_id', length: 64, nullable: true })
  lostToPlaybookId!: string | null;

  @Column('integer', { name: 'lost_to_priority', nullable: true })
  lostToPriority!: number | null;
}
