/**
 * The revenue side of an impact read from the database: every account's revenue trait, and the
 * accounts of the persons a change affects. Workspace-scoped reads, no writes.
 */
import { DataSource } from 'typeorm';
import { selectWhereIn } from '../../ingest/bulk-sql';
import { jsonOf } from '../../scheduled-triggers/raw-sql';
import { accountRevenue } from './revenue-share';

/** Rows per page when reading every account of a workspace. */
const PAGE_SIZE = 5_000;

/** Every account of the workspace → its revenue (the trait as a number; 0 when missing), read in keyset pages. */
export async function revenueByAccount(dataSource: DataSource, workspaceId: string, trait: string): Promise<Map<string, number>> {
  const manager = dataSource.manager;
  const postgres = manager.connection.options.type === 'postgres';
  const p = (n: number): string => (postgres ? `$${n}` : '?');
  const revenue = new Map<string, number>();
  let after = '';
  for (;;) {
    const rows: { id: string; traits: unknown }[] = await manager.query(
      `SELECT id, traits FROM accounts WHERE workspace_id = ${p(1)} AND id > ${p(2)} ORDER BY id LIMIT ${PAGE_SIZE}`,
      [workspaceId, after],
    );
    for (const row of rows) revenue.set(row.id, accountRevenue(jsonOf<Record<string, unknown>>(row.traits) ?? {}, trait));
    if (rows.length < PAGE_SIZE) return revenue;
    after = rows[rows.length - 1]!.id;
  }
}

/** The accounts the given persons belong to (persons without an account add none). */
export async function accountsOfPersons(dataSource: DataSource, workspaceId: string, personIds: Iterable<string>): Promise<Set<string>> {
  const ids = [...personIds];
  const accounts = new Set<string>();
  if (ids.length === 0) return accounts;
  for (const row of await selectWhereIn(dataSource.manager, 'persons', ['id', 'account_id'], workspaceId, 'id', ids)) {
    if (typeof row.account_id === 'string') accounts.add(row.account_id);
  }
  return accounts;
}
