import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT_AS_NUMBER } from './audit-entry.entity';

/**
 * The newest link of a workspace's audit chain. Appends lock this row (PostgreSQL) and advance it in
 * the same transaction as the entry; verification compares it with the last stored entry, which is
 * how removing the newest entries is noticed.
 */
@Entity('audit_chain_heads')
export class AuditChainHeadEntity {
  @PrimaryColumn('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  @Column('bigint', { transformer: BIGINT_AS_NUMBER })
  seq!: number;

  @Column('varchar', { length: 64 })
  hash!: string;
}
