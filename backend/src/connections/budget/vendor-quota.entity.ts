import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest quota a vendor reported for one connection (written by the worker after its calls). */
@Entity('connection_vendor_quotas')
export class ConnectionVendorQuotaEntity {
  @PrimaryColumn('varchar', { name: 'connection_id', length: 36 })
  connectionId!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  // bigint arrives as a string from PostgreSQL: read through Number().
  @Column('bigint')
  remaining!: number | string;

  @Column('bigint', { name: 'quota_limit', nullable: true })
  limit!: number | string | null;

  @Column('varchar', { length: 16 })
  period!: string;

  @Column({ name: 'observed_at' })
  observedAt!: Date;
}
