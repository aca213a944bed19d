import type { DataSource } from 'typeorm';

/**
 * Columns the API's own background work changes on its own schedule (the outbox dispatcher retrying a
 * start while Temporal is away): left out, so a snapshot only changes when someone changes the data.
 */
const VOLATILE_COLUMNS: Record<string, readonly string[]> = {
  outbox: ['status', 'attempts', 'last_error', 'available_at', 'dispatched_at'],
};

/**
 * Every row that belongs to one workspace, read straight from the database: the rows of every table
 * with a workspace_id column (found at run time, so tables added later are covered too), the
 * workspace itself and its members' users. Two snapshots are equal when nothing of the workspace
 * changed in between.
 */
export async function workspaceSnapshot(dataSource: DataSource, workspaceId: string): Promise<Record<string, string[]>> {
  const postgres = dataSource.options.type === 'postgres';
  const param = postgres ? '$1' : '?';
  const snapshot: Record<string, string[]> = {};
  for (const table of await tablesWithWorkspaceId(dataSource)) {
    const rows = (await dataSource.query(`SELECT * FROM ${quote(table)} WHERE workspace_id = ${param}`, [workspaceId])) as Record<string, unknown>[];
    snapshot[table] = normalized(rows, VOLATILE_COLUMNS[table] ?? []);
  }
  snapshot.workspaces = normalized(await dataSource.query(`SELECT * FROM workspaces WHERE id = ${param}`, [workspaceId]), []);
  snapshot.users = normalized(
    await dataSource.query(`SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.workspace_id = ${param}`, [workspaceId]),
    [],
  );
  return snapshot;
}

async function tablesWithWorkspaceId(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type === 'postgres') {
    const rows = (await dataSource.query(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'workspace_id' ORDER BY table_name`,
    )) as { table_name: string }[];
    return rows.map((row) => row.table_name);
  }
  const tables = (await dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)) as { name: string }[];
  const withColumn: string[] = [];
  for (const { name } of tables) {
    const columns = (await dataSource.query(`PRAGMA table_info(${quote(name)})`)) as { name: string }[];
    if (columns.some((column) => column.name === 'workspace_id')) withColumn.push(name);
  }
  return withColumn;
}

function normalized(rows: Record<string, unknown>[], leaveOut: readonly string[]): string[] {
  return rows
    .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).filter(([column]) => !leaveOut.includes(column)).sort(([a], [b]) => a.localeCompare(b)))))
    .sort();
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
