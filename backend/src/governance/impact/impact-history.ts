/**
 * The stored history an impact replays: readHistory() of the backtest (every track event up to the
 * window's end, each with its person and account), bounded by BACKTEST_LIMITS.maxEvents. Counted
 * first, so a workspace past the limit gets a note instead of a failed or unbounded read.
 */
import type { BacktestOutcome, ScoredEvent } from '@tripline/scoring';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { BACKTEST_LIMITS } from '../../backtest/backtest-limits';
import { readHistory } from '../../backtest/event-history';
import { EventEntity } from '../../ingest/event.entity';
import { sqlFor, storedDate } from '../../scheduled-triggers/raw-sql';

export interface ImpactHistory {
  /** null: the history could not be replayed (see notes). */
  events: ScoredEvent[] | null;
  /** Track events stored in the window itself. */
  eventsInWindow: number;
  notes: string[];
}

/**
 * Stored track events of the workspace with a person (what the backtest reads) up to `to`, and how
 * many of them are in [from, to]: one pass over the workspace's events.
 */
async function countTrackEvents(dataSource: DataSource, workspaceId: string, from: Date, to: Date): Promise<{ upToEnd: number; inWindow: number }> {
  const manager = dataSource.manager;
  const sql = sqlFor(manager);
  const ts = sql.name('timestamp');
  // Parameters in the order they appear in the text (SQLite's `?` bind by position).
  const inWindow = `SUM(CASE WHEN ${ts} >= ${sql.param(storedDate(manager, EventEntity, 'timestamp', from))} THEN 1 ELSE 0 END)`;
  const conditions = [
    `${sql.name('workspace_id')} = ${sql.param(workspaceId)}`,
    `${sql.name('type')} = 'track'`,
    `${sql.name('person_id')} IS NOT NULL`,
    `${ts} <= ${sql.param(storedDate(manager, EventEntity, 'timestamp', to))}`,
  ];
  const rows: { up_to_end: string | number | null; in_window: string | number | null }[] = await manager.query(
    `SELECT COUNT(*) AS up_to_end, ${inWindow} AS in_window FROM ${sql.name('events')} WHERE ${conditions.join(' AND ')}`,
    sql.parameters,
  );
  return { upToEnd: Number(rows[0]?.up_to_end ?? 0), inWindow: Number(rows[0]?.in_window ?? 0) };
}

const formatted = (count: number): string => count.toLocaleString('en-US');

/**
 * The history up to `to` (inclusive; earlier events warm scores and windows up), plus the outcome
 * events after it for an event outcome. Never throws for the amount of data: an empty window and a
 * history past the limit come back as notes.
 */
export async function loadImpactHistory(
  dataSource: DataSource,
  request: { workspaceId: string; from: Date; to: Date; outcome: BacktestOutcome; maxEvents?: number },
): Promise<ImpactHistory> {
  const maxEvents = request.maxEvents ?? BACKTEST_LIMITS.maxEvents;
  const { upToEnd: upToWindowEnd, inWindow: eventsInWindow } = await countTrackEvents(dataSource, request.workspaceId, request.from, request.to);
  const notes: string[] = [];
  if (eventsInWindow === 0) notes.push('no stored track events in the window: only time-based triggers (inactivity, schedules, relative dates, score decay) can fire, so the figures are 0 unless one of those does');
  const tooMany = (count: string): ImpactHistory => ({
    events: null,
    eventsInWindow,
    notes: [
      ...notes,
      `the history holds ${count} stored track events up to the window's end (${formatted(eventsInWindow)} in the window), more than the ${formatted(maxEvents)} a backtest replays: fires, subjects, outreach, precision/recall and tiers were not computed`,
    ],
  });
  if (upToWindowEnd > maxEvents) return tooMany(formatted(upToWindowEnd));
  if (upToWindowEnd === 0) return { events: [], eventsInWindow, notes };
  try {
    const outcomeEvent = request.outcome.kind === 'event' ? { outcomeEvent: request.outcome.event } : {};
    return { events: await readHistory(dataSource, { workspaceId: request.workspaceId, to: request.to, maxEvents, ...outcomeEvent }), eventsInWindow, notes };
  } catch (error) {
    // Outcome events after the window (or events ingested since the count) can still pass the limit.
    if (error instanceof GraphQLError && error.extensions?.code === 'BAD_USER_INPUT' && /more than/.test(error.message)) return tooMany(`more than ${formatted(upToWindowEnd)}`);
    throw error;
  }
}
