import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TRIPLINE_CONFIG } from '../config/config.module';
import type { TriplineConfig } from '../config/tripline-config';
import { timeOrderedId } from '../database/time-ordered-id';
import { entryHash, GENESIS_HASH } from './audit-chain';
import { AuditEntryEntity } from './audit-entry.entity';
import { MAX_AUDIT_DETAILS_BYTES, type AuditEntryInput } from './audit-entry-input';
import { AuditKeyring } from './audit-keys';
import { canonicalJson } from './canonical-json';

export type { AuditActor, AuditEntryInput } from './audit-entry-input';

const ACTION = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)+$/;

/**
 * Appends entries to a workspace's hash chain, inside the caller's transaction, so a change and its
 * audit entry commit together (or neither does). The chain head is locked for the rest of that
 * transaction (PostgreSQL: row lock; SQLite: writes are serialized by `Transactions` already), so
 * concurrent appends get seq 1, 2, … without gaps. Call it as the LAST write of a transaction: the
 * head lock serializes the workspace's audited writes until COMMIT.
 */
@Injectable()
export class AuditLog {
  private readonly keys: AuditKeyring;

  constructor(@Inject(TRIPLINE_CONFIG) config: Pick<TriplineConfig, 'secretKey' | 'previousSecretKeys'>) {
    this.keys = AuditKeyring.fromConfig(config);
  }

  /** Throws (and so rolls the caller's transaction back) on a malformed entry or details over 16 KB. */
  async append(manager: EntityManager, entry: AuditEntryInput): Promise<AuditEntryEntity> {
    const fields = checkedEntry(entry);
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`AuditLog.append(${entry.action}) must run inside a transaction (Transactions.run), so the change and its entry commit together`);
    }
    const head = await lockChainHead(manager, entry.workspaceId);
    const row: AuditEntryEntity = {
      id: timeOrderedId(),
      workspaceId: entry.workspaceId,
      seq: head.seq + 1,
      at: new Date(),
      actorUserId: fields.actorUserId,
      actorSystem: fields.actorSystem,
      action: entry.action,
      targetKind: entry.target.kind,
      targetId: entry.target.id,
      details: fields.detailsText,
      prevHash: head.hash,
      hash: '',
      keyId: this.keys.current.id,
    };
    row.hash = entryHash(this.keys.current.key, {
      id: row.id,
      workspaceId: row.workspaceId,
      seq: row.seq,
      at: row.at,
      actor: fields.actorUserId !== null ? { userId: fields.actorUserId } : { system: fields.actorSystem! },
      action: row.action,
      target: { kind: row.targetKind, id: row.targetId },
      details: fields.detailsText === null ? null : JSON.parse(fields.detailsText),
      prevHash: row.prevHash,
    });
    await manager.insert(AuditEntryEntity, row);
    await advanceChainHead(manager, row);
    return row;
  }
}

/** The entry's columns after checking it; details become canonical JSON text (what is stored is what is hashed). */
function checkedEntry(entry: AuditEntryInput): { actorUserId: string | null; actorSystem: string | null; detailsText: string | null } {
  const problem = (what: string) => new Error(`Audit entry ${JSON.stringify(entry.action)}: ${what}`);
  if (!entry.workspaceId) throw problem('workspaceId is required');
  if (typeof entry.action !== 'string' || entry.action.length > 100 || !ACTION.test(entry.action)) throw problem("action must be a dotted verb like 'playbook.published' (at most 100 characters)");
  if (!entry.target?.kind || entry.target.kind.length > 50) throw problem('target.kind is required (at most 50 characters)');
  if (!entry.target.id || entry.target.id.length > 320) throw problem('target.id is required (at most 320 characters: an id, or an email address)');
  const actor = entry.actor as { userId?: unknown; system?: unknown };
  const userId = typeof actor?.userId === 'string' && actor.userId !== '' ? actor.userId : null;
  const system = typeof actor?.system === 'string' && actor.system !== '' ? actor.system : null;
  if ((userId === null) === (system === null)) throw problem('actor must be either { userId } or { system }');
  if (system !== null && system.length > 100) throw problem('actor.system must be at most 100 characters');
  let detailsText: string | null = null;
  if (entry.details !== undefined) {
    if (entry.details === null || typeof entry.details !== 'object' || Array.isArray(entry.details)) throw problem('details must be a JSON object');
    detailsText = canonicalJson(entry.details);
    const bytes = Buffer.byteLength(detailsText, 'utf8');
    if (bytes > MAX_AUDIT_DETAILS_BYTES) throw problem(`details are ${bytes} bytes; at most ${MAX_AUDIT_DETAILS_BYTES} (16 KB) are kept — record what changed, not whole documents`);
  }
  return { actorUserId: userId, actorSystem: system, detailsText };
}

/** Creates the workspace's head on its first entry, then reads it — locked until COMMIT on PostgreSQL. */
async function lockChainHead(manager: EntityManager, workspaceId: string): Promise<{ seq: number; hash: string }> {
  const postgres = manager.connection.options.type === 'postgres';
  const p = postgres ? ['$1', '$2'] : ['?', '?'];
  await manager.query(`INSERT INTO audit_chain_heads (workspace_id, seq, hash) VALUES (${p[0]}, 0, ${p[1]}) ON CONFLICT (workspace_id) DO NOTHING`, [workspaceId, GENESIS_HASH]);
  const rows: { seq: string | number; hash: string }[] = await manager.query(
    `SELECT seq, hash FROM audit_chain_heads WHERE workspace_id = ${p[0]}${postgres ? ' FOR UPDATE' : ''}`,
    [workspaceId],
  );
  const head = rows[0];
  if (!head) throw new Error(`The audit chain head of workspace ${workspaceId} could not be read`);
  return { seq: Number(head.seq), hash: head.hash };
}

async function advanceChainHead(manager: EntityManager, row: AuditEntryEntity): Promise<void> {
  const postgres = manager.connection.options.type === 'postgres';
  const sql = postgres
    ? 'UPDATE audit_chain_heads SET seq = $1, hash = $2 WHERE workspace_id = $3'
    : 'UPDATE audit_chain_heads SET seq = ?, hash = ? WHERE workspace_id = ?';
  await manager.query(sql, [row.seq, row.hash, row.workspaceId]);
}
