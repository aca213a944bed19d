/**
 * Stored history as a backtest replays it: the workspace's `track` events up to `to`, plus (for an
 * event outcome) the outcome events after it, each as the ScoredEvent live ingest scored — its
 * person and that person's account with their traits — sorted as ingest sorts a batch (time, then
 * messageId). Read event name by event name in pages along the (workspace_id, event, timestamp)
 * index (a keyset on timestamp and id, so each page is an index range and the whole read is linear),
 * with persons and accounts looked up per page and shared between their events.
 *
 * Traits are the ones stored now (persons / accounts), as live scoring reads them after a batch; a
 * trait that changed since an event was scored is not replayed as it was then.
 */
import type { ScoredEvent } from '@tripline/scoring';
import { DataSource, EntityManager } from 'typeorm';
import { badUserInput } from '../graphql/errors';
import { selectWhereIn } from '../ingest/bulk-sql';
import { EventEntity } from '../ingest/event.entity';
import { dateReader, jsonOf, sqlFor, storedDate } from '../scheduled-triggers/raw-sql';
import { BACKTEST_LIMITS } from './backtest-limits';

type Traits = Record<string, unknown>;
type Subject = { id: string; traits: Traits };

export interface HistoryRequest {
  workspaceId: string;
  to: Date;
  /** Also read events of this name after `to` (they only show who converted). */
  outcomeEvent?: string;
  maxEvents?: number;
  /** Rows per query (default BACKTEST_LIMITS.pageSize). */
  pageSize?: number;
}

/** Persons (with their account) and accounts seen so far, one object each, shared by their events. */
class SubjectDirectory {
  private readonly persons = new Map<string, { person: Subject; accountId: string | null }>();
  private readonly accounts = new Map<string, Subject>();

  constructor(
    private readonly manager: EntityManager,
    private readonly workspaceId: string,
  ) {}

  async learn(personIds: readonly string[]): Promise<void> {
    const unknown = [...new Set(personIds)].filter((id) => !this.persons.has(id));
    if (unknown.length === 0) return;
    const rows = await selectWhereIn(this.manager, 'persons', ['id', 'traits', 'account_id'], this.workspaceId, 'id', unknown);
    for (const row of rows) this.persons.set(row.id as string, { person: { id: row.id as string, traits: jsonOf<Traits>(row.traits) }, accountId: (row.account_id as string | null) ?? null });
    const accounts = rows.flatMap((row) => (row.account_id && !this.accounts.has(row.account_id as string) ? [row.account_id as string] : []));
    if (accounts.length === 0) return;
    for (const row of await selectWhereIn(this.manager, 'accounts', ['id', 'traits'], this.workspaceId, 'id', accounts)) {
      this.accounts.set(row.id as string, { id: row.id as string, traits: jsonOf<Traits>(row.traits) });
    }
  }

  subjectsOf(personId: string): { person: Subject; account?: Subject } | undefined {
    const known = this.persons.get(personId);
    if (!known) return undefined;
    const account = known.accountId === null ? undefined : this.accounts.get(known.accountId);
    return account ? { person: known.person, account } : { person: known.person };
  }
}

/** Track event names of the workspace: one pass over the (workspace_id, event, timestamp) index. */
async function eventNames(manager: EntityManager, workspaceId: string): Promise<string[]> {
  const sql = sqlFor(manager);
  const rows: { event: string }[] = await manager.query(
    `SELECT DISTINCT ${sql.name('event')} FROM ${sql.name('events')} WHERE ${sql.name('workspace_id')} = ${sql.param(workspaceId)} AND ${sql.name('event')} IS NOT NULL`,
    sql.parameters,
  );
  return rows.map((row) => row.event);
}

export async function readHistory(dataSource: DataSource, request: HistoryRequest): Promise<ScoredEvent[]> {
  const manager = dataSource.manager;
  const maxEvents = request.maxEvents ?? BACKTEST_LIMITS.maxEvents;
  const pageSize = request.pageSize ?? BACKTEST_LIMITS.pageSize;
  const directory = new SubjectDirectory(manager, request.workspaceId);
  const to = storedDate(manager, EventEntity, 'timestamp', request.to);
  const epochOf = dateReader(manager, EventEntity, 'timestamp');
  const events: ScoredEvent[] = [];
  for (const name of await eventNames(manager, request.workspaceId)) {
    // Events of one name in (timestamp, id) order: an index range per page (keyset), read once.
    let after: { timestamp: unknown; id: string } | undefined;
    for (;;) {
      // Parameters are added in the order they appear in the text: SQLite's `?` bind by position.
      const sql = sqlFor(manager);
      const [ts, id] = [sql.name('timestamp'), sql.name('id')];
      const conditions = [`${sql.name('workspace_id')} = ${sql.param(request.workspaceId)}`, `${sql.name('event')} = ${sql.param(name)}`];
      if (after) conditions.push(`${ts} >= ${sql.param(after.timestamp)}`, `(${ts} > ${sql.param(after.timestamp)} OR ${id} > ${sql.param(after.id)})`);
      // Outcome events after `to` only say who converted; every other event counts up to `to`.
      if (name !== request.outcomeEvent) conditions.push(`${ts} <= ${sql.param(to)}`);
      conditions.push(`${sql.name('type')} = 'track'`, `${sql.name('person_id')} IS NOT NULL`);
      const rows: Record<string, unknown>[] = await manager.query(
        `SELECT ${['id', 'message_id', 'timestamp', 'properties', 'person_id'].map(sql.name).join(', ')} FROM ${sql.name('events')} ` +
          `WHERE ${conditions.join(' AND ')} ORDER BY ${ts}, ${id} LIMIT ${pageSize}`,
        sql.parameters,
      );
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]!;
      after = { timestamp: last.timestamp, id: last.id as string };
      if (events.length + rows.length > maxEvents) {
        throw badUserInput(`backtest: the workspace has more than ${maxEvents} stored track events up to "to"; a backtest replays at most ${maxEvents} — choose an earlier "to"`);
      }
      await directory.learn(rows.map((row) => row.person_id as string));
      for (const row of rows) {
        const subjects = directory.subjectsOf(row.person_id as string);
        if (!subjects) continue; // a person deleted since (merges move events, so this is rare)
        events.push({
          messageId: row.message_id as string,
          event: name,
          timestamp: epochOf(row.timestamp),
          properties: jsonOf<Record<string, unknown>>(row.properties),
          ...subjects,
        });
      }
    }
  }
  return events.sort((a, b) => a.timestamp - b.timestamp || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0));
}
