import { contentOfRow, entryHash, GENESIS_HASH, type StoredAuditRow } from './audit-chain';
import type { AuditKey } from './audit-keys';

/** The first entry that does not hold: its seq, its id (null when the entry is missing), and why. */
export interface ChainBreak {
  seq: number;
  id: string | null;
  /**
   * Starts with one of: 'hash mismatch' (the entry's content or hash changed), 'prev-hash mismatch'
   * (an entry before it was removed or replaced), 'missing seq' (a gap), 'unknown key id',
   * 'seq out of order', 'head mismatch' (the newest entries were removed, or the head was moved).
   */
  reason: string;
}

export interface ChainVerification {
  ok: boolean;
  /** Entries checked and found sound (up to the first break). */
  checked: number;
  firstBroken: ChainBreak | null;
  /** The last sound link: write it down (or keep exports) to notice a rewrite of the tail later. */
  lastSeq: number;
  lastHash: string;
}

export interface CheckChainOptions {
  /** The stored chain head; null = none stored. Leave undefined for an export, which has no head. */
  head?: { seq: number; hash: string } | null;
  /**
   * true for an export of a time range: the first row may start anywhere and its prevHash is taken
   * on trust (the rest still has to link to it). false (the default): the chain starts at seq 1.
   */
  startAnywhere?: boolean;
}

/**
 * Walks a workspace's entries in seq order and stops at the first one that does not hold. Rows come
 * from an async iterable (database pages, lines of an exported file), so memory stays bounded.
 */
export async function checkChain(
  rows: AsyncIterable<StoredAuditRow>,
  keys: { find(keyId: string): AuditKey | undefined },
  options: CheckChainOptions = {},
): Promise<ChainVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let lastId: string | null = null;
  let checked = 0;
  let first = true;
  const head = options.head;
  const broken = (firstBroken: ChainBreak): ChainVerification => ({ ok: false, checked, firstBroken, lastSeq: expectedSeq - 1, lastHash: prevHash });

  for await (const row of rows) {
    if (first && options.startAnywhere) {
      expectedSeq = row.seq;
      prevHash = row.prevHash;
    }
    first = false;
    if (row.seq > expectedSeq) {
      return broken({ seq: expectedSeq, id: null, reason: `missing seq: entry #${expectedSeq} is missing (the next stored entry is #${row.seq}, ${row.id})` });
    }
    if (row.seq < expectedSeq) {
      return broken({ seq: row.seq, id: row.id, reason: `seq out of order: entry #${row.seq} comes after #${expectedSeq - 1}` });
    }
    if (head && row.seq > head.seq) {
      return broken({ seq: row.seq, id: row.id, reason: `head mismatch: entry #${row.seq} is past the chain head (#${head.seq})` });
    }
    const key = keys.find(row.keyId);
    if (!key) {
      return broken({ seq: row.seq, id: row.id, reason: `unknown key id: entry #${row.seq} was signed with key ${row.keyId}, which is not among the configured secret keys` });
    }
    let expectedHash: string;
    try {
      expectedHash = entryHash(key.key, contentOfRow(row));
    } catch {
      return broken({ seq: row.seq, id: row.id, reason: `hash mismatch: entry #${row.seq}'s details are not valid JSON (content changed)` });
    }
    if (expectedHash !== row.hash) {
      return broken({ seq: row.seq, id: row.id, reason: `hash mismatch: entry #${row.seq}'s content does not match its hash (content changed)` });
    }
    if (row.prevHash !== prevHash) {
      return broken({ seq: row.seq, id: row.id, reason: `prev-hash mismatch: entry #${row.seq} does not link to entry #${row.seq - 1} (an entry was removed, replaced or reordered)` });
    }
    checked += 1;
    expectedSeq = row.seq + 1;
    prevHash = row.hash;
    lastId = row.id;
  }

  const lastSeq = expectedSeq - 1;
  if (head === null && lastSeq > 0) {
    return broken({ seq: lastSeq, id: null, reason: `head mismatch: entries exist up to #${lastSeq} but the chain head is gone` });
  }
  if (head && head.seq > lastSeq) {
    const removed = head.seq === lastSeq + 1 ? `#${head.seq}` : `#${lastSeq + 1}–#${head.seq}`;
    return broken({ seq: lastSeq + 1, id: null, reason: `head mismatch: the chain head is at #${head.seq} but the last entry is #${lastSeq} (${removed} removed)` });
  }
  if (head && head.hash !== prevHash) {
    return broken({ seq: lastSeq, id: lastId, reason: `head mismatch: the chain head's hash differs from entry #${lastSeq}'s` });
  }
  return { ok: true, checked, firstBroken: null, lastSeq, lastHash: prevHash };
}
