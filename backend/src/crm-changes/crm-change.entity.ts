import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A CRM record's change as a connector delivered it; `change_id` is unique per workspace (replays dedupe). */
@Entity('crm_changes')
@Index('uq_crm_changes_change', ['workspaceId', 'changeId'], { unique: true })
export class CrmChangeEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  /** The connector's stable id of the change (e.g. `<dealId>:dealstage:<modstamp>`). */
  @Column('varchar', { name: 'change_id', length: 300 })
  changeId!: string;

  @Column('varchar', { name: 'connection_id', length: 36 })
  connectionId!: string;

  @Column('varchar', { length: 16 })
  object!: 'deal' | 'contact' | 'company';

  @Column('varchar', { name: 'record_id', length: 255 })
  recordId!: string;

  @Column('simple-json')
  changes!: Record<string, { from: unknown; to: unknown }>;

  @Column('simple-json')
  record!: Record<string, unknown>;

  /** The Tripline person / account the change was linked to when it arrived (null: none found). */
  @Column('varchar', { name: 'person_id', length: 36, nullable: true })
  personId!: string | null;

  @Column('varchar', { name: 'account_id', length: 36, nullable: true })
  accountId!: string | null;

  @Column({ name: 'changed_at' })
  changedAt!: Date;

  @Column({ name: 'received_at' })
  receivedAt!: Date;
}
