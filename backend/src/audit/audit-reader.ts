import { DataSource, SelectQueryBuilder } from 'typeorm';
import type { StoredAuditRow } from './audit-chain';
import { AuditEntryEntity } from './audit-entry.entity';

/** What the log can be narrowed to; every filter is optional. `from` is inclusive, `to` exclusive. */
export interface AuditLogFilter {
  action?: string | null;
  targetKind?: string | null;
  targetId?: string | null;
  actorId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** One page, newest first; `endCursor` continues after its last entry. */
export interface AuditLogPage {
  entries: AuditEntryEntity[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** One line of an export: everything needed to re-check the chain with the key (`audit:verify --file`). */
export interface ExportedAuditEntry {
  v: 1;
  id: string;
  workspaceId: string;
  seq: number;
  at: string;
  actor: { userId?: string; system?: string };
  action: string;
  target: { kind: string; id: string };
  details: unknown;
  prevHash: string;
  hash: string;
  keyId: string;
}

export const EXPORT_PAGE_SIZE = 1000;

/**
 * Reads a workspace's audit log: pages for GraphQL (newest first, keyset on seq) and the export
 * (oldest first, as JSON lines). Never looks outside the workspace it is given. A plain class, so
 * `npm run audit:export` uses the same code on its own DataSource.
 */
export class AuditReader {
  constructor(private readonly dataSource: DataSource) {}

  /** `after` is the endCursor of the previous page (an entry's seq); the caller checks it is a number. */
  async page(workspaceId: string, filter: AuditLogFilter, first: number, after: number | null): Promise<AuditLogPage> {
    const query = this.filtered(workspaceId, filter);
    if (after !== null) query.andWhere('e.seq < :after', { after });
    const rows = await query.orderBy('e.seq', 'DESC').take(first + 1).getMany();
    const entries = rows.slice(0, first);
    const hasNextPage = rows.length > first;
    return { entries, hasNextPage, endCursor: entries.length > 0 ? String(entries[entries.length - 1]!.seq) : null };
  }

  /** Entries in seq order, a page at a time; `limit` stops after that many (the GraphQL export's bound). */
  async *entries(workspaceId: string, filter: Pick<AuditLogFilter, 'from' | 'to'> = {}, limit = Infinity): AsyncGenerator<AuditEntryEntity> {
    let after = 0;
    let yielded = 0;
    for (;;) {
      const page = await this.filtered(workspaceId, filter)
        .andWhere('e.seq > :after', { after })
        .orderBy('e.seq', 'ASC')
        .take(Math.min(EXPORT_PAGE_SIZE, limit - yielded))
        .getMany();
      for (const row of page) {
        yield row;
        yielded += 1;
      }
      if (page.length < EXPORT_PAGE_SIZE || yielded >= limit) return;
      after = page[page.length - 1]!.seq;
    }
  }

  /** How many entries a time range holds (the GraphQL export refuses very large ones). */
  count(workspaceId: string, filter: Pick<AuditLogFilter, 'from' | 'to'>): Promise<number> {
    return this.filtered(workspaceId, filter).getCount();
  }

  private filtered(workspaceId: string, filter: AuditLogFilter): SelectQueryBuilder<AuditEntryEntity> {
    const query = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('e').where('e.workspaceId = :workspaceId', { workspaceId });
    if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.targetKind) query.andWhere('e.targetKind = :targetKind', { targetKind: filter.targetKind });
    if (filter.targetId) query.andWhere('e.targetId = :targetId', { targetId: filter.targetId });
    if (filter.actorId) query.andWhere('e.actorUserId = :actorId', { actorId: filter.actorId });
    if (filter.from) query.andWhere('e.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.at < :to', { to: filter.to });
    return query;
  }
}

/** An entry as one JSON line of an export. */
export function exportedLine(row: AuditEntryEntity): string {
  const line: ExportedAuditEntry = {
    v: 1,
    id: row.id,
    workspaceId: row.workspaceId,
    seq: row.seq,
    at: row.at.toISOString(),
    actor: {
      ...(row.actorUserId !== null ? { userId: row.actorUserId } : {}),
      ...(row.actorSystem !== null ? { system: row.actorSystem } : {}),
    },
    action: row.action,
    target: { kind: row.targetKind, id: row.targetId },
    details: parsedDetails(row.details),
    prevHash: row.prevHash,
    hash: row.hash,
    keyId: row.keyId,
  };
  return JSON.stringify(line);
}

/** Stored details as JSON; text that is not JSON (a tampered row) is exported as it is, and fails verification. */
function parsedDetails(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Back from an export line to the stored columns, to check an exported file's chain. Throws on a malformed line. */
export function rowFromExportedLine(text: string): StoredAuditRow {
  const line = JSON.parse(text) as ExportedAuditEntry;
  if (line?.v !== 1 || typeof line.seq !== 'number' || typeof line.hash !== 'string') throw new Error('not an audit export line (v 1)');
  return {
    id: line.id,
    workspaceId: line.workspaceId,
    seq: line.seq,
    at: new Date(line.at),
    actorUserId: line.actor?.userId ?? null,
    actorSystem: line.actor?.system ?? null,
    action: line.action,
    targetKind: line.target?.kind,
    targetId: line.target?.id,
    details: line.details === null || line.details === undefined ? null : JSON.stringify(line.details),
    prevHash: line.prevHash,
    hash: line.hash,
    keyId: line.keyId,
  };
}
