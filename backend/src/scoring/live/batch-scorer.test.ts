import {
  DAY_MS,
  evaluateComponents,
  generateEvents,
  pqlComponentModel,
  runBacktest,
  scoreAt,
  seedEventModel,
  type AccountActivity,
  type ScoredEvent,
  type ScoreState,
  type ScoringModel,
} from '@tripline/scoring';
import type { PublishedScoringModel } from '../published-scoring-models.service';
import { BatchScorer, type ScoreReaders } from './batch-scorer';

const START = Date.UTC(2025, 2, 1);
const DAYS = 30;
const dataset = generateEvents({ accounts: 6, days: DAYS, seed: 11, start: START });
const END = START + DAYS * DAY_MS;
const lead: ScoringModel = { ...seedEventModel(), id: 'lead' };
const pql: ScoringModel = { ...pqlComponentModel(), id: 'pql' };
const published: PublishedScoringModel[] = [
  { modelId: 'lead', version: 1, definition: lead },
  { modelId: 'pql', version: 1, definition: pql },
];

/** Stored rows as the database would hold them: JSON text, keyed like score_states' primary key. */
type Store = Map<string, { state: string; lastEventAt: number; score: number }>;

/**
 * Live scoring as ingest runs it: batches in arrival order, each loading its subjects' states from
 * JSON, applying its events in event time and writing the changed states back.
 */
function ingest(events: readonly ScoredEvent[], batchSize: number, readers: ScoreReaders): Store {
  const store: Store = new Map();
  for (let i = 0; i < events.length; i += batchSize) {
    const batch = [...events.slice(i, i + batchSize)].sort((a, b) => a.timestamp - b.timestamp || (a.messageId < b.messageId ? -1 : 1));
    const scorer = new BatchScorer(published, readers);
    for (const { modelId } of published) {
      const load = scorer.subjectsToLoad(modelId, batch, new Map());
      for (const kind of ['person', 'account'] as const) {
        for (const id of load[kind]) {
          const row = store.get(`${modelId}:${kind}:${id}`);
          if (row) scorer.load(modelId, kind, id, { state: JSON.parse(row.state), lastEventAt: row.lastEventAt, score: row.score });
        }
      }
    }
    const traits = new Map<string, Record<string, unknown>>();
    for (const event of batch) {
      scorer.apply(event);
      if (event.account) traits.set(event.account.id, event.account.traits);
    }
    for (const { model, states } of scorer.results((_kind, id) => traits.get(id) ?? {})) {
      for (const s of states) store.set(`${model.modelId}:${s.subjectKind}:${s.subjectId}`, { state: JSON.stringify(s.state), lastEventAt: s.lastEventAt, score: s.score });
    }
  }
  return store;
}

/** The same events, in time order but shuffled inside each stretch of 300 (days of late arrivals). */
function arrivalOrder(events: readonly ScoredEvent[]): ScoredEvent[] {
  let seed = 5;
  const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp);
  const out: ScoredEvent[] = [];
  for (let i = 0; i < sorted.length; i += 300) out.push(...sorted.slice(i, i + 300).sort(() => next() - 0.5));
  return out;
}

function backtestScores(model: ScoringModel, subject: 'person' | 'account'): Record<string, number> {
  return runBacktest({
    events: dataset.events,
    model,
    trigger: { kind: 'event', event: 'Never Sent' },
    range: { from: START, to: END },
    outcome: { kind: 'event', event: 'Order Completed' },
    subject,
  }).scores;
}

describe('BatchScorer', () => {
  const notRead: ScoreReaders = { models: new Set(), accountModels: new Set() };
  const read: ScoreReaders = { models: new Set(['lead', 'pql']), accountModels: new Set(['lead', 'pql']) };

  it.each([
    ['no trigger reads the models', notRead, 250],
    ['triggers read the models', read, 61],
  ])('gives the scores a backtest gives over the same events (%s)', (_label, readers, batchSize) => {
    expect(dataset.events.length).toBeGreaterThan(1000);
    const store = ingest(arrivalOrder(dataset.events), batchSize, readers);
    const traitsOf = new Map(dataset.accounts.map((a) => [a.id, a.traits]));
    for (const [model, subject] of [
      [lead, 'person'],
      [lead, 'account'],
      [pql, 'account'],
    ] as const) {
      const expected = backtestScores(model, subject);
      expect(Object.values(expected).filter((score) => score > 0).length).toBeGreaterThan(3);
      for (const [id, score] of Object.entries(expected)) {
        const row = store.get(`${model.id}:${subject}:${id}`);
        const live =
          model.kind === 'events'
            ? scoreAt(model, row && (JSON.parse(row.state) as ScoreState), END)
            : evaluateComponents(model, row && (JSON.parse(row.state) as AccountActivity), traitsOf.get(id) ?? {}, END).score;
        expect([model.id, subject, id, live]).toEqual([model.id, subject, id, expect.closeTo(score, 9)]);
      }
    }
  });
});
