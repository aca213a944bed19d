import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditLog, type AuditActor } from '../audit/audit-log';
import { Transactions } from '../database/transactions';
import { EmailSuppressionEntity, type SuppressionReason } from './email-suppression.entity';
import { normalizeEmail, normalizedOrUndefined } from './normalize-email';

export interface NewSuppression {
  email: string;
  reason: SuppressionReason;
  detail?: string | null;
  sourceRunId?: string | null;
  sourceKey?: string | null;
  createdBy?: string | null;
}

export interface SuppressedAddress {
  email: string;
  reason: SuppressionReason;
}

const MAX_LIST = 500;
const MAX_DETAIL = 1000;

/**
 * The workspace's email suppression list: no outreach email reaches an address on it. Adding is
 * idempotent (one row per address; the first reason stays), under a per-workspace lock so two
 * concurrent adds of one address on PostgreSQL cannot collide on the unique index.
 */
@Injectable()
export class EmailSuppressionsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
  ) {}

  /** Newest first; `search` matches part of the address. */
  list(workspaceId: string, options: { search?: string | null; limit?: number | null } = {}): Promise<EmailSuppressionEntity[]> {
    const limit = Math.min(Math.max(options.limit ?? 100, 1), MAX_LIST);
    return this.transactions.run(async (manager) => {
      const query = manager
        .createQueryBuilder(EmailSuppressionEntity, 's')
        .where('s.workspace_id = :workspaceId', { workspaceId })
        .orderBy('s.created_at', 'DESC')
        .addOrderBy('s.email', 'ASC')
        .limit(limit);
      const search = options.search?.trim().toLowerCase();
      if (search) query.andWhere("s.email LIKE :pattern ESCAPE '\\'", { pattern: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
      return query.getMany();
    });
  }

  /** Which of these addresses are suppressed (in the normalized form); anything not an address is ignored. */
  suppressedAmong(workspaceId: string, emails: readonly string[]): Promise<SuppressedAddress[]> {
    const normalized = [...new Set(emails.map(normalizedOrUndefined).filter((email): email is string => email !== undefined))];
    if (normalized.length === 0) return Promise.resolve([]);
    return this.transactions.run(async (manager) => {
      const rows = await manager.findBy(EmailSuppressionEntity, { workspaceId, email: In(normalized) });
      return rows.map((row) => ({ email: row.email, reason: row.reason }));
    });
  }

  /**
   * Adds each address unless it is on the list already; returns every entry as it now stands. With
   * an `actor` (an admin's manual entries) each address added is audited as 'emailSuppression.added';
   * unsubscribes and bounces are recorded on the list itself.
   */
  add(workspaceId: string, entries: readonly NewSuppression[], actor?: AuditActor): Promise<EmailSuppressionEntity[]> {
    const prepared = entries.map((entry) => ({ ...entry, email: normalizeEmail(entry.email) }));
    return this.transactions.run(
      async (manager) => {
        const result: EmailSuppressionEntity[] = [];
        for (const entry of prepared) {
          const existing = await manager.findOneBy(EmailSuppressionEntity, { workspaceId, email: entry.email });
          if (existing) {
            result.push(existing);
            continue;
          }
          const row = manager.create(EmailSuppressionEntity, {
            id: randomUUID(),
            workspaceId,
            email: entry.email,
            reason: entry.reason,
            detail: entry.detail?.slice(0, MAX_DETAIL) ?? null,
            sourceRunId: entry.sourceRunId ?? null,
            sourceKey: entry.sourceKey ?? null,
            createdBy: entry.createdBy ?? null,
            createdAt: new Date(),
          });
          await manager.insert(EmailSuppressionEntity, row);
          if (actor) {
            await this.audit.append(manager, { workspaceId, actor, action: 'emailSuppression.added', target: { kind: 'emailSuppression', id: row.email }, details: { reason: row.reason, ...(row.detail ? { note: row.detail } : {}) } });
          }
          result.push(row);
        }
        return result;
      },
      { lockKey: `email-suppressions:${workspaceId}` },
    );
  }

  /** Takes an address off the list (audited as 'emailSuppression.removed'); false when it was not on it. */
  remove(workspaceId: string, email: string, actor: AuditActor): Promise<boolean> {
    const normalized = normalizeEmail(email);
    return this.transactions.run(async (manager) => {
      const existing = await manager.findOneBy(EmailSuppressionEntity, { workspaceId, email: normalized });
      if (!existing) return false;
      const deleted = await manager.delete(EmailSuppressionEntity, { workspaceId, email: normalized });
      if ((deleted.affected ?? 0) === 0) return false;
      await this.audit.append(manager, { workspaceId, actor, action: 'emailSuppression.removed', target: { kind: 'emailSuppression', id: normalized }, details: { reason: existing.reason } });
      return true;
    });
  }
}
