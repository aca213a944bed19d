import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditEntryEntity } from '../../src/audit/audit-entry.entity';
import type { AuditEntryInput } from '../../src/audit/audit-entry-input';
import { AuditLog } from '../../src/audit/audit-log';
import { Transactions } from '../../src/database/transactions';

/** Appends `count` entries to a fresh workspace's chain, one transaction each; returns them in seq order. */
export async function appendEntries(app: INestApplication, count: number, workspaceId = randomUUID(), auditLog = app.get(AuditLog)): Promise<AuditEntryEntity[]> {
  const transactions = app.get(Transactions);
  const rows: AuditEntryEntity[] = [];
  for (let i = 1; i <= count; i++) rows.push(await transactions.run((manager) => auditLog.append(manager, sampleEntry(workspaceId, i))));
  return rows;
}

/** Entry `i` of a test chain: odd ones by a person, even ones by the system, every fourth without details. */
export function sampleEntry(workspaceId: string, i: number): AuditEntryInput {
  return {
    workspaceId,
    actor: i % 2 === 1 ? { userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` } : { system: 'test harness' },
    action: i % 2 === 1 ? 'playbook.published' : 'connection.updated',
    target: { kind: i % 2 === 1 ? 'playbook' : 'connection', id: `target-${i}` },
    ...(i % 4 === 0 ? {} : { details: { version: i, changed: ['name', 'config.password'], note: `entry ${i} — ünïcode` } }),
  };
}

/**
 * What an attacker with database-owner rights does first: drop the triggers that keep audit_log
 * append-only. Afterwards UPDATE and DELETE go through, and only the hash chain notices.
 */
export async function dropAuditTriggers(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type === 'postgres') {
    for (const trigger of ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_no_truncate']) await dataSource.query(`DROP TRIGGER IF EXISTS ${trigger} ON audit_log`);
  } else {
    for (const trigger of ['audit_log_no_update', 'audit_log_no_delete']) await dataSource.query(`DROP TRIGGER IF EXISTS ${trigger}`);
  }
}

/** Raw SQL with `?` placeholders on either database. */
export function rawQuery<T = unknown>(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<T> {
  let n = 0;
  const text = dataSource.options.type === 'postgres' ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  return dataSource.query(text, params);
}
