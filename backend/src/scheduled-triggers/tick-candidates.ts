/**
 * The subjects one tick must evaluate a playbook's trigger for: those for which one of its tick leaves
 * fires in the window (previous, now]. Each leaf's rows are narrowed in SQL, then the leaf itself is
 * evaluated (evaluateTrigger, the library's rule) on the light columns, so only real candidates are
 * loaded in full:
 * - inactivity: subject_aggregates rows whose last activity is recent enough for the deadline
 *   (last + days) to fall in the window — a range on the indexed last_event_at;
 * - relative date: persons / accounts whose traits name the trait's top-level key (a LIKE prefilter
 *   on the JSON text; the date itself is read in code);
 * - schedule: when the cron has a time in the window, every subject of the kind;
 * - score leaves that decay can cross (tick-playbooks.ts): subjects with a score state under the
 *   model — for a threshold only decay can cross downward, those whose stored score (at their newest
 *   event) is at least the threshold, through the (workspace, model, score) index; accounts rolled up
 *   by max / average from members: every account.
 */
import { triggerLeaves, type InactivityTrigger, type RelativeDateTrigger, type Trigger } from '@tripline/playbook';
import { DAY_MS, evaluateTrigger, type TriggerInput } from '@tripline/scoring';
import { EntityManager } from 'typeorm';
import { chunks } from '../ingest/bulk-sql';
import type { PublishedScoringModel } from '../scoring/published-scoring-models.service';
import { SubjectAggregatesEntity } from '../triggers/subject-aggregates.entity';
import type { TickLeaf, TickPlaybook } from './tick-playbooks';
import { containsPattern, dateReader, jsonOf, sqlFor, storedDate } from './raw-sql';

export const TICK_PAGE_SIZE = 500;

export interface TickWindow {
  /** Epoch ms, exclusive. */
  previous: number;
  /** Epoch ms, inclusive. */
  now: number;
}

const SUBJECT_TABLES = { person: 'persons', account: 'accounts' } as const;

function firesInWindow(leaf: TickLeaf, window: TickWindow, input: Partial<TriggerInput>): boolean {
  return evaluateTrigger(leaf, { ...input, now: window.now, previousTick: window.previous }, { explain: false }).fired;
}

/** Pages of subject ids, in id order, each at most TICK_PAGE_SIZE long. */
export async function* candidatePages(manager: EntityManager, workspaceId: string, tick: TickPlaybook, window: TickWindow): AsyncGenerator<string[]> {
  if (tick.leaves.some((leaf) => leaf.kind === 'schedule' && firesInWindow(leaf, window, {}))) {
    yield* everySubject(manager, workspaceId, tick.subject);
    return;
  }
  const ids = new Set<string>();
  for (const leaf of tick.leaves) {
    if (leaf.kind === 'inactivity') {
      for await (const rows of recentlyActive(manager, workspaceId, tick.subject, leaf, window)) {
        for (const row of rows) if (firesInWindow(leaf, window, row.activity)) ids.add(row.id);
      }
    } else if (leaf.kind === 'relativeDate') {
      for await (const rows of withTrait(manager, workspaceId, tick.subject, leaf)) {
        for (const row of rows) if (firesInWindow(leaf, window, { traits: row.traits })) ids.add(row.id);
      }
    }
  }
  for (const model of tick.decayModels) {
    const definition = model.definition;
    if (tick.subject === 'account' && definition.kind === 'events' && definition.rollup !== 'sum') {
      yield* everySubject(manager, workspaceId, 'account');
      return;
    }
    for await (const page of withScoreState(manager, workspaceId, tick.subject, model, lowestStoredScore(tick.trigger, model))) {
      for (const id of page) ids.add(id);
    }
  }
  yield* chunks([...ids].sort(), TICK_PAGE_SIZE);
}

/**
 * When every leaf on the model is a downward threshold of a model whose points are all positive, a
 * subject can only decay across it if its score at its newest event was at least the lowest threshold.
 */
function lowestStoredScore(trigger: Trigger, model: PublishedScoringModel): number | undefined {
  const definition = model.definition;
  if (definition.kind !== 'events' || definition.rules.some((rule) => rule.points * rule.weight < 0)) return undefined;
  const leaves = triggerLeaves(trigger).filter((leaf) => (leaf.kind === 'scoreThreshold' || leaf.kind === 'tierChange') && leaf.model === model.modelId);
  if (leaves.some((leaf) => leaf.kind !== 'scoreThreshold' || leaf.direction !== 'down')) return undefined;
  return Math.min(...leaves.map((leaf) => (leaf.kind === 'scoreThreshold' ? leaf.threshold : -Infinity)));
}

async function* withScoreState(
  manager: EntityManager,
  workspaceId: string,
  kind: 'person' | 'account',
  model: PublishedScoringModel,
  minScore: number | undefined,
): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const sql = sqlFor(manager);
    const conditions = [
      `${sql.name('workspace_id')} = ${sql.param(workspaceId)}`,
      `${sql.name('model_id')} = ${sql.param(model.modelId)}`,
      `${sql.name('subject_kind')} = ${sql.param(kind)}`,
      ...(minScore === undefined ? [] : [`${sql.name('score')} >= ${sql.param(minScore)}`]),
      `${sql.name('subject_id')} > ${sql.param(after)}`,
    ];
    const rows: { subject_id: string }[] = await manager.query(
      `SELECT ${sql.name('subject_id')} FROM ${sql.name('score_states')} WHERE ${conditions.join(' AND ')} ORDER BY ${sql.name('subject_id')} LIMIT ${TICK_PAGE_SIZE}`,
      sql.parameters,
    );
    if (rows.length === 0) return;
    yield rows.map((row) => row.subject_id);
    after = rows[rows.length - 1]!.subject_id;
  }
}

async function* everySubject(manager: EntityManager, workspaceId: string, kind: 'person' | 'account'): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const sql = sqlFor(manager);
    const rows: { id: string }[] = await manager.query(
      `SELECT ${sql.name('id')} FROM ${sql.name(SUBJECT_TABLES[kind])} WHERE ${sql.name('workspace_id')} = ${sql.param(workspaceId)} AND ${sql.name('id')} > ${sql.param(after)} ORDER BY ${sql.name('id')} LIMIT ${TICK_PAGE_SIZE}`,
      sql.parameters,
    );
    if (rows.length === 0) return;
    yield rows.map((row) => row.id);
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Subjects whose deadline can fall in the window. Any activity: last activity in
 * (previous − days, now − days]. A named event: its last time is at most last_event_at, so
 * last_event_at > previous − days bounds it; the per-name time is checked in code.
 */
async function* recentlyActive(
  manager: EntityManager,
  workspaceId: string,
  kind: 'person' | 'account',
  leaf: InactivityTrigger,
  window: TickWindow,
): AsyncGenerator<{ id: string; activity: Pick<TriggerInput, 'lastActivityAt' | 'lastEventAt'> }[]> {
  const since = storedDate(manager, SubjectAggregatesEntity, 'lastEventAt', new Date(window.previous - leaf.days * DAY_MS));
  const until = leaf.event === undefined ? storedDate(manager, SubjectAggregatesEntity, 'lastEventAt', new Date(window.now - leaf.days * DAY_MS)) : undefined;
  const epochOf = dateReader(manager, SubjectAggregatesEntity, 'lastEventAt');
  let after = '';
  for (;;) {
    const sql = sqlFor(manager);
    const conditions = [
      `${sql.name('workspace_id')} = ${sql.param(workspaceId)}`,
      `${sql.name('subject_kind')} = ${sql.param(kind)}`,
      `${sql.name('last_event_at')} > ${sql.param(since)}`,
      ...(until === undefined ? [] : [`${sql.name('last_event_at')} <= ${sql.param(until)}`]),
      `${sql.name('subject_id')} > ${sql.param(after)}`,
    ];
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${['subject_id', 'last_event_at', 'last_event_at_by_name'].map(sql.name).join(', ')} FROM ${sql.name('subject_aggregates')} ` +
        `WHERE ${conditions.join(' AND ')} ORDER BY ${sql.name('subject_id')} LIMIT ${TICK_PAGE_SIZE}`,
      sql.parameters,
    );
    if (rows.length === 0) return;
    yield rows.map((row) => ({
      id: row.subject_id as string,
      activity: {
        lastActivityAt: epochOf(row.last_event_at),
        lastEventAt: jsonOf<Record<string, number>>(row.last_event_at_by_name),
      },
    }));
    after = rows[rows.length - 1]!.subject_id as string;
  }
}

/** Subjects whose traits' JSON names the trait's top-level key (a superset: the value is read in code). */
async function* withTrait(manager: EntityManager, workspaceId: string, kind: 'person' | 'account', leaf: RelativeDateTrigger): AsyncGenerator<{ id: string; traits: Record<string, unknown> }[]> {
  const topKey = leaf.trait.split('.')[0]!;
  // simple-json writes JSON.stringify(traits): a key appears as "key": in the text.
  const pattern = containsPattern(`${JSON.stringify(topKey)}:`);
  let after = '';
  for (;;) {
    const sql = sqlFor(manager);
    const rows: { id: string; traits: unknown }[] = await manager.query(
      `SELECT ${sql.name('id')}, ${sql.name('traits')} FROM ${sql.name(SUBJECT_TABLES[kind])} ` +
        `WHERE ${sql.name('workspace_id')} = ${sql.param(workspaceId)} AND ${sql.name('traits')} LIKE ${sql.param(pattern)} ESCAPE '\\' AND ${sql.name('id')} > ${sql.param(after)} ` +
        `ORDER BY ${sql.name('id')} LIMIT ${TICK_PAGE_SIZE}`,
      sql.parameters,
    );
    if (rows.length === 0) return;
    yield rows.map((row) => ({ id: row.id, traits: jsonOf<Record<string, unknown>>(row.traits) }));
    after = rows[rows.length - 1]!.id;
  }
}
