import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per contact that ever had outreach: the row claims and commits lock (SELECT … FOR UPDATE on
 * PostgreSQL) so that two claims for one contact are decided one after the other, never both on the
 * same stale count. Its primary key makes the first insert of a contact race-free too.
 */
@Entity('frequency_cap_contacts')
export class FrequencyCapContactEntity {
  @PrimaryColumn('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @PrimaryColumn('varchar', { name: 'contact_key', length: 300 })
  contactKey!: string;

  @Column({ name: 'last_claim_at' })
  lastClaimAt!: Date;
}
