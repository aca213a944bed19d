import { Column, Entity, PrimaryColumn, ValueTransformer } from 'typeorm';

/** PostgreSQL returns bigint as a string; seqs stay far below 2^53. */
export const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/**
 * One audit entry: who did what to which thing, when, and the link of the workspace's hash chain
 * (`prevHash` → `hash`). Rows are only ever inserted (database triggers refuse UPDATE and DELETE);
 * write them with `AuditLog.append` only. Indexes: see the migration 1764000009000-audit-log.
 */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'workspace_id', length: 36 })
  workspaceId!: string;

  /** 1, 2, … per workspace, without gaps. */
  @Column('bigint', { transformer: BIGINT_AS_NUMBER })
  seq!: number;

  @Column({ name: 'at' })
  at!: Date;

  @Column('varchar', { name: 'actor_user_id', length: 36, nullable: true })
  actorUserId!: string | null;

  @Column('varchar', { name: 'actor_system', length: 100, nullable: true })
  actorSystem!: string | null;

  /** A dotted verb, e.g. 'playbook.published'. */
  @Column('varchar', { length: 100 })
  action!: string;

  @Column('varchar', { name: 'target_kind', length: 50 })
  targetKind!: string;

  @Column('varchar', { name: 'target_id', length: 320 })
  targetId!: string;

  /** The JSON text exactly as it was hashed (kept as text so verification reads the stored bytes). */
  @Column('text', { nullable: true })
  details!: string | null;

  @Column('varchar', { name: 'prev_hash', length: 64 })
  prevHash!: string;

  @Column('varchar', { length: 64 })
  hash!: string;

  @Column('varchar', { name: 'key_id', length: 16 })
  keyId!: string;
}
