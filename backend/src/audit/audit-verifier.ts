import { DataSource } from 'typeorm';
import { GENESIS_HASH, type StoredAuditRow } from './audit-chain';
import { AuditChainHeadEntity } from './audit-chain-head.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import type { AuditKeyring } from './audit-keys';
import { checkChain, type ChainVerification } from './check-chain';

/** Entries read per page while verifying: memory stays bounded whatever the log's size. */
export const VERIFY_PAGE_SIZE = 500;

/**
 * Verifies workspaces' audit chains in the database: every entry's HMAC, the links between them,
 * no gaps, and the chain head against the last entry. A plain class (not only a Nest provider) so
 * the `npm run audit:verify` command runs the very same code on its own DataSource.
 */
export class AuditVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: AuditKeyring,
  ) {}

  /**
   * Reads the head first and checks the entries up to it (appends committed meanwhile are left for
   * the next run), then — in one statement, so it sees one consistent moment — that no entry lies
   * past the head as it is now. Appends commit an entry and the head together, so an append in
   * flight is never reported as a break.
   */
  async verify(workspaceId: string): Promise<ChainVerification> {
    const head = await this.dataSource.getRepository(AuditChainHeadEntity).findOneBy({ workspaceId });
    // No head: an empty chain — unless entries exist without one (checked in one statement, so a
    // first append committing right now is not mistaken for a removed head).
    if (!head && !(await this.hasEntriesWithoutHead(workspaceId))) return { ok: true, checked: 0, firstBroken: null, lastSeq: 0, lastHash: GENESIS_HASH };
    const result = await checkChain(this.rowsUpTo(workspaceId, head?.seq ?? null), this.keys, { head: head ? { seq: head.seq, hash: head.hash } : null });
    if (!result.ok || !head) return result;
    const past = await this.firstEntryPastHead(workspaceId);
    if (past) {
      return {
        ...result,
        ok: false,
        firstBroken: { seq: past.seq, id: past.id, reason: `head mismatch: entry #${past.seq} is past the chain head (#${past.headSeq})` },
      };
    }
    return result;
  }

  /** Every workspace that has members or audit entries, for `audit:verify` without --workspace. */
  async workspaceIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM workspaces UNION SELECT workspace_id AS id FROM audit_chain_heads UNION SELECT DISTINCT workspace_id AS id FROM audit_log',
    );
    return rows.map((row) => row.id).sort();
  }

  /** Entries in seq order, a page at a time (keyset paging on seq). null `maxSeq`: no head, so all of them. */
  private async *rowsUpTo(workspaceId: string, maxSeq: number | null): AsyncGenerator<StoredAuditRow> {
    let after = 0;
    for (;;) {
      const query = this.dataSource
        .getRepository(AuditEntryEntity)
        .createQueryBuilder('e')
        .where('e.workspaceId = :workspaceId AND e.seq > :after', { workspaceId, after });
      if (maxSeq !== null) query.andWhere('e.seq <= :maxSeq', { maxSeq });
      const page = await query.orderBy('e.seq', 'ASC').take(VERIFY_PAGE_SIZE).getMany();
      yield* page;
      if (page.length < VERIFY_PAGE_SIZE) return;
      after = page[page.length - 1]!.seq;
    }
  }

  private async hasEntriesWithoutHead(workspaceId: string): Promise<boolean> {
    const p = this.dataSource.options.type === 'postgres' ? '$1' : '?';
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM audit_log l WHERE l.workspace_id = ${p}
       AND NOT EXISTS (SELECT 1 FROM audit_chain_heads h WHERE h.workspace_id = l.workspace_id) LIMIT 1`,
      [workspaceId],
    );
    return rows.length > 0;
  }

  private async firstEntryPastHead(workspaceId: string): Promise<{ id: string; seq: number; headSeq: number } | null> {
    const postgres = this.dataSource.options.type === 'postgres';
    const p = postgres ? '$1' : '?';
    const rows: { id: string; seq: string | number; head_seq: string | number }[] = await this.dataSource.query(
      `SELECT l.id, l.seq, h.seq AS head_seq FROM audit_chain_heads h JOIN audit_log l ON l.workspace_id = h.workspace_id AND l.seq > h.seq
       WHERE h.workspace_id = ${p} ORDER BY l.seq ASC LIMIT 1`,
      [workspaceId],
    );
    const row = rows[0];
    return row ? { id: row.id, seq: Number(row.seq), headSeq: Number(row.head_seq) } : null;
  }
}
