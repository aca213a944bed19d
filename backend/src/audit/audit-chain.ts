import { createHmac } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The `prevHash` of a workspace's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The version of the hashed content's layout; part of every hash. */
export const AUDIT_HASH_VERSION = 1;

/**
 * Everything an entry's hash covers: every stored column except the hash and key id themselves
 * (the key id picks the key; a wrong one fails the HMAC). The actor and target carry every
 * stored part, so a value added to a column that should be empty changes the hash too.
 */
export interface ChainedContent {
  id: string;
  workspaceId: string;
  seq: number;
  at: Date;
  actor: { userId?: string; system?: string };
  action: string;
  target: { kind: string; id: string };
  /** The parsed details, or null when there are none. */
  details: unknown;
  prevHash: string;
}

/** The stored columns of an entry, as the database gives them back. */
export interface StoredAuditRow {
  id: string;
  workspaceId: string;
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorSystem: string | null;
  action: string;
  targetKind: string;
  targetId: string;
  details: string | null;
  prevHash: string;
  hash: string;
  keyId: string;
}

/** The canonical text that is hashed: JSON with sorted keys, `at` in ISO 8601 with milliseconds. */
export function canonicalContent(content: ChainedContent): string {
  return canonicalJson({
    v: AUDIT_HASH_VERSION,
    id: content.id,
    workspaceId: content.workspaceId,
    seq: content.seq,
    at: content.at.toISOString(),
    actor: content.actor,
    action: content.action,
    target: content.target,
    details: content.details ?? null,
    prevHash: content.prevHash,
  });
}

/** HMAC-SHA256 of the canonical content under the audit key, hex. */
export function entryHash(key: Buffer, content: ChainedContent): string {
  return createHmac('sha256', key).update(canonicalContent(content), 'utf8').digest('hex');
}

/** The hashed content of a stored row; throws SyntaxError when its details are not JSON. */
export function contentOfRow(row: StoredAuditRow): ChainedContent {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    seq: row.seq,
    at: row.at,
    actor: {
      ...(row.actorUserId !== null ? { userId: row.actorUserId } : {}),
      ...(row.actorSystem !== null ? { system: row.actorSystem } : {}),
    },
    action: row.action,
    target: { kind: row.targetKind, id: row.targetId },
    details: row.details === null ? null : JSON.parse(row.details),
    prevHash: row.prevHash,
  };
}
