import { demoRequestFollowUp, type Trigger } from '@tripline/playbook';
import {
  evaluateComponents,
  generateEvents,
  pqlComponentModel,
  roundScore,
  scoreAt,
  seedEventModel,
  segmentCallsOf,
  type AccountActivity,
  type ComponentScoringModel,
  type EventScoringModel,
  type ScoreState,
} from '@tripline/scoring';
import { readHistory } from '../src/backtest/event-history';
import { AccountEntity } from '../src/identity/account.entity';
import { PersonEntity } from '../src/identity/person.entity';
import { EventEntity } from '../src/ingest/event.entity';
import { OutboxMessageEntity } from '../src/outbox/outbox-message.entity';
import { RunEntity } from '../src/runs/run.entity';
import { ProfilesService } from '../src/scoring/profile/profiles.service';
import { ScoreHistoryEntity } from '../src/scoring/score-history.entity';
import { ScoreStateEntity } from '../src/scoring/score-state.entity';
import { ScoringModelVersionEntity } from '../src/scoring/scoring-model-version.entity';
import { EnrollmentEntity } from '../src/triggers/enrollment.entity';
import { SubjectAggregatesEntity } from '../src/triggers/subject-aggregates.entity';
import { dataSourceOf, findAll } from './ingest-support/segment-requests';
import { gql } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp } from './support/test-app';
import { DAY_MS, newUser, newWorkspace, personIdOf, publishModel, sendBatch, track, type TestWorkspace } from './scoring-support/scoring-api';

const BACKTEST = `query($input: BacktestInput!) {
  backtest(input: $input) {
    from to subject eventsProcessed population converted baseRate
    firesPerDay { day count } tierDistribution { tier count } fired truePositives precision recall lift
    newlyFiring noLongerFiring baselineModelVersion baselinePlaybookVersion
    baseline { firesPerDay { day count } tierDistribution { tier count } fired truePositives precision recall lift }
    scores { subjectId score tier }
    warnings
  }
}`;

const UPDATE_MODEL = `mutation($id: ID!, $input: UpdateScoringModelDraftInput!) { updateScoringModelDraft(id: $id, input: $input) { id } }`;
const CREATE_PLAYBOOK = `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`;
const PUBLISH_PLAYBOOK = `mutation($id: ID!) { publishPlaybook(id: $id) { version } }`;
const UPDATE_PLAYBOOK = `mutation($id: ID!, $input: UpdatePlaybookDraftInput!) { updatePlaybookDraft(id: $id, input: $input) { id } }`;

/** Pricing 10, demo `demoPoints`, no decay: scores are sums worked out by hand. */
const tinyModel = (demoPoints: number): EventScoringModel => ({
  schemaVersion: 1,
  id: 'tiny',
  version: 1,
  name: 'Tiny',
  kind: 'events',
  rules: [
    { id: 'pricing', event: 'Pricing Page Viewed', points: 10, weight: 1 },
    { id: 'demo', event: 'Demo Requested', points: demoPoints, weight: 1 },
  ],
  decay: { kind: 'none' },
  rollup: 'sum',
  tiers: [
    { name: 'Low', min: 0, max: 40 },
    { name: 'Medium', min: 41, max: 70 },
    { name: 'High', min: 71, max: 100 },
  ],
});

describe.each(databaseKindsUnderTest())('backtest over GraphQL on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, { TRIPLINE_TRIGGER_TICK_MS: '3600000' });
  });
  afterAll(async () => t?.close());

  const backtest = (token: string, input: Record<string, unknown>) => gql(t.url, BACKTEST, { input }, token);
  const ok = async (token: string, input: Record<string, unknown>) => {
    const result = await backtest(token, input);
    if (!result.data) throw new Error(`backtest failed: ${JSON.stringify(result.errors)}`);
    return result.data.backtest;
  };

  async function publishPlaybookIn(token: string, name: string, trigger: Trigger): Promise<string> {
    const definition = JSON.parse(JSON.stringify({ ...demoRequestFollowUp, name, trigger, enrollment: { subject: 'person', reenroll: 'never' } }));
    const created = await gql(t.url, CREATE_PLAYBOOK, { input: { name, definition } }, token);
    const id = created.data?.createPlaybook.id;
    if (!id) throw new Error(`createPlaybook failed: ${JSON.stringify(created.errors)}`);
    const published = await gql(t.url, PUBLISH_PLAYBOOK, { id }, token);
    if (!published.data) throw new Error(`publishPlaybook failed: ${JSON.stringify(published.errors)}`);
    return id;
  }

  describe('a tiny history worked out by hand', () => {
    let ws: TestWorkspace;
    let modelId: string;
    const people: Record<string, string> = {};
    // Day 0 is ten UTC days ago; the range is days 0–4, conversions come on days 5 and 6.
    const day0 = Math.floor(Date.now() / DAY_MS) * DAY_MS - 10 * DAY_MS;
    const at = (day: number, hour = 12) => new Date(day0 + day * DAY_MS + hour * 3_600_000).toISOString();
    const range = { from: new Date(day0).toISOString(), to: new Date(day0 + 5 * DAY_MS - 1).toISOString() };
    const outcome = { kind: 'event', event: 'Order Completed' };
    const sorted = (names: string[]) => names.map((name) => people[name]!).sort();

    beforeAll(async () => {
      ws = await newWorkspace(t, 'Backtest tiny');
      await sendBatch(
        t,
        [
          // ann: 10 + 50 = 60, crosses 50 on day 2, then orders on day 5 (after the range): a true positive.
          track('ann', 'Pricing Page Viewed', at(1), {}, 'bt-ann-1'),
          track('ann', 'Demo Requested', at(2), {}, 'bt-ann-2'),
          track('ann', 'Order Completed', at(5), {}, 'bt-ann-order'),
          // bob: 50 on day 1, never orders: a false positive.
          track('bob', 'Demo Requested', at(1), {}, 'bt-bob-1'),
          // cat: 10, orders on day 6: a conversion nobody predicted.
          track('cat', 'Pricing Page Viewed', at(3), {}, 'bt-cat-1'),
          track('cat', 'Order Completed', at(6), {}, 'bt-cat-order'),
          // dan: 20; eve: 10 (on day 0, the range's first day).
          track('dan', 'Pricing Page Viewed', at(2), {}, 'bt-dan-1'),
          track('dan', 'Pricing Page Viewed', at(3), {}, 'bt-dan-2'),
          track('eve', 'Pricing Page Viewed', at(0), {}, 'bt-eve-1'),
        ],
        ws.writeKey,
      );
      for (const name of ['ann', 'bob', 'cat', 'dan', 'eve']) people[name] = await personIdOf(t, ws.workspaceId, name);
      // Published: demo worth 30. The draft being tested: demo worth 50.
      modelId = await publishModel(t, ws.token, 'Tiny', tinyModel(30));
      const updated = await gql(t.url, UPDATE_MODEL, { id: modelId, input: { definition: tinyModel(50) } }, ws.token);
      expect(updated.errors).toBeUndefined();
    });

    it('counts fires per day, tiers, precision, recall and lift, and who newly fires against the published model', async () => {
      const trigger = { kind: 'scoreThreshold', model: modelId, threshold: 50, direction: 'up' };
      const result = await ok(ws.token, { modelId, trigger, ...range, outcome, subject: 'person' });
      expect(result).toMatchObject({
        from: range.from,
        to: range.to,
        subject: 'person',
        // The nine events but the two orders after `to`.
        eventsProcessed: 7,
        population: 5,
        converted: 2,
        baseRate: 0.4,
        // bob crosses 50 on day 1, ann on day 2.
        firesPerDay: [1, 2, 3, 4, 5].map((_, i) => ({ day: at(i).slice(0, 10), count: i === 1 || i === 2 ? 1 : 0 })),
        tierDistribution: [
          { tier: 'Low', count: 3 },
          { tier: 'Medium', count: 2 },
          { tier: 'High', count: 0 },
        ],
        fired: sorted(['ann', 'bob']),
        truePositives: 1,
        precision: 0.5,
        recall: 0.5,
        lift: 1.25,
        // Under the published model (demo 30) ann reaches 40 and bob 30: nobody fires.
        baseline: { fired: [], truePositives: 0, precision: null, recall: 0, lift: null },
        newlyFiring: sorted(['ann', 'bob']),
        noLongerFiring: [],
        baselineModelVersion: 1,
        baselinePlaybookVersion: null,
        warnings: [],
      });
      const scores = Object.fromEntries(result.scores.map((s: { subjectId: string; score: number; tier: string }) => [s.subjectId, [s.score, s.tier]]));
      expect(scores).toEqual({
        [people.ann!]: [60, 'Medium'],
        [people.bob!]: [50, 'Medium'],
        [people.cat!]: [10, 'Low'],
        [people.dan!]: [20, 'Low'],
        [people.eve!]: [10, 'Low'],
      });
    });

    it("backtests a playbook's draft trigger against its published trigger: who no longer fires", async () => {
      const playbookId = await publishPlaybookIn(ws.token, 'Tiny threshold', { kind: 'scoreThreshold', model: modelId, threshold: 30, direction: 'up' });
      const draft = JSON.parse(JSON.stringify({ ...demoRequestFollowUp, trigger: { kind: 'scoreThreshold', model: modelId, threshold: 55, direction: 'up' }, enrollment: { subject: 'person', reenroll: 'never' } }));
      expect((await gql(t.url, UPDATE_PLAYBOOK, { id: playbookId, input: { definition: draft } }, ws.token)).errors).toBeUndefined();

      const result = await ok(ws.token, { modelId, playbookId, ...range, outcome, subject: 'person' });
      // Draft: demo 50 and threshold 55 — only ann (60). Published: demo 30 and threshold 30 — ann (40) and bob (30).
      expect(result).toMatchObject({
        fired: [people.ann],
        precision: 1,
        recall: 0.5,
        lift: 2.5,
        baseline: { fired: sorted(['ann', 'bob']), truePositives: 1, precision: 0.5, recall: 0.5, lift: 1.25 },
        newlyFiring: [],
        noLongerFiring: [people.bob],
        baselineModelVersion: 1,
        baselinePlaybookVersion: 1,
      });
      expect(result.baseline.firesPerDay.map((d: { count: number }) => d.count)).toEqual([0, 1, 1, 0, 0]);
    });

    it('reads a trait outcome (a CRM-style flag) from the stored traits', async () => {
      await sendBatch(t, [{ type: 'identify', userId: 'ann', traits: { plan: 'Paid' }, messageId: 'bt-ann-plan' }, { type: 'identify', userId: 'dan', traits: { plan: 'paid' }, messageId: 'bt-dan-plan' }], ws.writeKey);
      const traitOutcome = { kind: 'trait', trait: 'plan', equals: 'paid' };
      // A model given as JSON (id "tiny", which no published model has) and a trigger reading it: no baseline.
      const trigger = { kind: 'scoreThreshold', model: 'tiny', threshold: 50, direction: 'up' };
      const result = await ok(ws.token, { model: tinyModel(50), trigger, ...range, outcome: traitOutcome, subject: 'person' });
      // Converted: ann and dan ("Paid" equals "paid" as filters compare text). Fired: ann and bob.
      expect(result).toMatchObject({ converted: 2, fired: sorted(['ann', 'bob']), truePositives: 1, precision: 0.5, recall: 0.5, lift: 1.25 });
      expect(result).toMatchObject({ baseline: null, baselineModelVersion: null, newlyFiring: [], noLongerFiring: [], warnings: [] });

      // A trigger naming another model than the one backtested never fires, and says why.
      const elsewhere = await ok(ws.token, { model: tinyModel(50), trigger: { ...trigger, model: modelId }, ...range, outcome: traitOutcome, subject: 'person' });
      expect(elsewhere.fired).toEqual([]);
      expect(elsewhere.warnings).toEqual([expect.stringContaining(`reads model "${modelId}" but the backtest scores "tiny"`)]);
    });

    it('changes nothing: no enrollments, outbox rows, runs, scores or events, even when the trigger fires', async () => {
      const ds = dataSourceOf(t);
      const entities = [EnrollmentEntity, OutboxMessageEntity, RunEntity, ScoreStateEntity, ScoreHistoryEntity, SubjectAggregatesEntity, EventEntity, PersonEntity, ScoringModelVersionEntity];
      const counts = () => Promise.all(entities.map((entity) => ds.getRepository(entity).count()));
      // A published playbook enrolling on demos exists, so live ingest would enroll these subjects.
      await publishPlaybookIn(ws.token, 'Tiny demos', { kind: 'event', event: 'Demo Requested' });
      const before = await counts();
      const result = await ok(ws.token, { modelId, trigger: { kind: 'event', event: 'Demo Requested' }, ...range, outcome, subject: 'person' });
      expect(result.fired).toEqual(sorted(['ann', 'bob']));
      expect(await counts()).toEqual(before);
      expect(await findAll(t, EnrollmentEntity, { workspaceId: ws.workspaceId })).toEqual([]);
    });

    it('refuses bad input with BAD_USER_INPUT naming the problem', async () => {
      const trigger = { kind: 'event', event: 'Demo Requested' };
      const base = { modelId, trigger, ...range, outcome, subject: 'person' };
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ ...base, from: range.to, to: range.from }, /from \(.*\) is after to/],
        [{ ...base, from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, /spans \d+ days; a backtest covers at most 1098 days/],
        [{ ...base, modelId: undefined, model: { ...tinyModel(50), rules: [] } }, /^model has 1 problem: .*rule/],
        [{ ...base, modelId: undefined, model: { ...tinyModel(50), decay: { kind: 'halfLife' } } }, /^model has 1 problem: decay\.days/],
        [{ ...base, model: tinyModel(50) }, /give exactly one of model and modelId \(both were given\)/],
        [{ ...base, trigger: undefined }, /give exactly one of trigger and playbookId/],
        [{ ...base, trigger: { kind: 'schedule', cron: 'every monday' } }, /^trigger has 1 problem: trigger\.cron: /],
        [{ ...base, trigger: { kind: 'sometimes' } }, /^trigger has \d+ problems?: trigger/],
        [{ ...base, outcome: { kind: 'event' } }, /^outcome\.event: is required/],
        [{ ...base, outcome: { kind: 'won' } }, /^outcome\.kind: kind must be "event"/],
        [{ ...base, outcome: 'won' }, /^outcome: must be a JSON object/],
        [{ ...base, modelId: undefined, model: pqlComponentModel() }, /is a component model: it scores accounts, so backtest it with subject "account"/],
      ];
      for (const [input, message] of cases) {
        const result = await backtest(ws.token, input);
        expect({ input, errors: result.errors?.map((e) => [e.extensions?.code, e.message]) }).toEqual({ input, errors: [['BAD_USER_INPUT', expect.stringMatching(message)]] });
      }
    });

    it('is for editors of the workspace: NOT_FOUND for another workspace’s ids, FORBIDDEN for viewers', async () => {
      const other = await newWorkspace(t, 'Backtest other');
      const trigger = { kind: 'event', event: 'Demo Requested' };
      const elsewhere = await backtest(other.token, { modelId, trigger, ...range, outcome, subject: 'person' });
      expect(elsewhere.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['NOT_FOUND', 'Scoring model not found']]);
      const unknownPlaybook = await backtest(ws.token, { modelId, playbookId: '00000000-0000-4000-8000-000000000000', ...range, outcome, subject: 'person' });
      expect(unknownPlaybook.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

      const viewer = await newUser(t, ws.workspaceId, 'viewer');
      expect((await backtest(viewer, { modelId, trigger, ...range, outcome, subject: 'person' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const editor = await newUser(t, ws.workspaceId, 'editor');
      expect((await ok(editor, { modelId, trigger, ...range, outcome, subject: 'person' })).fired).toEqual(sorted(['ann', 'bob']));
      expect((await gql(t.url, BACKTEST, { input: { modelId, trigger, ...range, outcome, subject: 'person' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('the same scores as live ingest on the same events', () => {
    let ws: TestWorkspace;
    let seedId: string;
    let pqlId: string;
    const start = Math.floor(Date.now() / DAY_MS) * DAY_MS - 21 * DAY_MS;
    const dataset = generateEvents({ accounts: 5, days: 20, seed: 20_240, start });

    beforeAll(async () => {
      ws = await newWorkspace(t, 'Live versus backtest');
      seedId = await publishModel(t, ws.token, 'Lead score', seedEventModel());
      pqlId = await publishModel(t, ws.token, 'PQL score', pqlComponentModel());
      // Who is who first, then the track calls in batches sent in a scrambled order: live scoring is
      // incremental and order-independent, the backtest is one pass in time order.
      const calls = segmentCallsOf(dataset);
      await sendBatch(t, calls.filter((call) => call.type !== 'track'), ws.writeKey);
      const tracks = calls.filter((call) => call.type === 'track');
      const batches: (typeof tracks)[] = [];
      for (let i = 0; i < tracks.length; i += 400) batches.push(tracks.slice(i, i + 400));
      const order = batches.map((_, i) => i).sort((a, b) => ((a * 7919) % 13) - ((b * 7919) % 13) || a - b);
      for (const i of order) await sendBatch(t, batches[i]!, ws.writeKey);
    }, 120_000);

    it('every person and account scores in the backtest exactly what the live tables and the profile read at the same instant', async () => {
      const to = new Date();
      const ds = dataSourceOf(t);
      const profiles = t.app.get(ProfilesService);
      const accountTraits = new Map((await findAll(t, AccountEntity, { workspaceId: ws.workspaceId })).map((a) => [a.id, a.traits]));
      const states = async (modelId: string, subjectKind: 'person' | 'account') =>
        new Map((await ds.getRepository(ScoreStateEntity).findBy({ workspaceId: ws.workspaceId, modelId, subjectKind })).map((row) => [row.subjectId, row.state]));
      const seed = { ...seedEventModel(), id: seedId } as EventScoringModel;
      const pql = { ...pqlComponentModel(), id: pqlId } as ComponentScoringModel;
      const cases = [
        { modelId: seedId, name: 'Lead score', subject: 'person' as const, live: (state: unknown) => scoreAt(seed, state as ScoreState | undefined, to.getTime()) },
        { modelId: seedId, name: 'Lead score', subject: 'account' as const, live: (state: unknown) => scoreAt(seed, state as ScoreState | undefined, to.getTime()) },
        {
          modelId: pqlId,
          name: 'PQL score',
          subject: 'account' as const,
          live: (state: unknown, id: string) => evaluateComponents(pql, state as AccountActivity | undefined, accountTraits.get(id) ?? {}, to.getTime()).score,
        },
      ];
      const people = dataset.accounts.reduce((sum, account) => sum + account.people.length, 0);
      for (const c of cases) {
        const result = await ok(ws.token, {
          modelId: c.modelId,
          trigger: { kind: 'event', event: 'Demo Requested' },
          from: new Date(start).toISOString(),
          to: to.toISOString(),
          outcome: { kind: 'event', event: 'Order Completed' },
          subject: c.subject,
        });
        expect(result.eventsProcessed).toBe(dataset.events.length);
        expect(result.scores).toHaveLength(c.subject === 'person' ? people : dataset.accounts.length);
        if (c.subject === 'account') expect(result.converted).toBe(dataset.converters.length);
        const live = await states(c.modelId, c.subject);
        // Every live state belongs to a subject the backtest scored.
        expect([...live.keys()].every((id) => result.scores.some((s: { subjectId: string }) => s.subjectId === id))).toBe(true);
        let nonZero = 0;
        for (const { subjectId, score } of result.scores as { subjectId: string; score: number }[]) {
          if (score !== 0) nonZero += 1;
          // Full precision, from the live state in score_states…
          expect({ subjectId, model: c.name, score }).toEqual({ subjectId, model: c.name, score: c.live(live.get(subjectId), subjectId) });
          // …and as the profile (what GraphQL shows) reads it at the same instant.
          const profile = await profiles.profile(ws.workspaceId, c.subject === 'person' ? { personId: subjectId } : { accountId: subjectId }, to.getTime());
          expect({ subjectId, model: c.name, score: roundScore(score) }).toEqual({ subjectId, model: c.name, score: profile.scores.find((s) => s.model.name === c.name)!.score });
        }
        expect(nonZero).toBeGreaterThan(result.scores.length / 2);
      }
    });

    it('reads the same history whatever the page size (keyset pages, ties on a timestamp included)', async () => {
      const to = new Date();
      const whole = await readHistory(dataSourceOf(t), { workspaceId: ws.workspaceId, to });
      expect(whole).toHaveLength(dataset.events.length);
      expect(await readHistory(dataSourceOf(t), { workspaceId: ws.workspaceId, to, pageSize: 7 })).toEqual(whole);

      const same = new Date(Date.now() - DAY_MS).toISOString();
      const tied = await newWorkspace(t, 'Backtest ties');
      await sendBatch(t, ['a', 'b', 'c', 'd', 'e'].map((id) => track('tie', 'Clicked', same, { id }, `tie-${id}`)), tied.writeKey);
      const read = await readHistory(dataSourceOf(t), { workspaceId: tied.workspaceId, to, pageSize: 2 });
      expect(read.map((e) => e.messageId)).toEqual(['tie-a', 'tie-b', 'tie-c', 'tie-d', 'tie-e']);
      await expect(readHistory(dataSourceOf(t), { workspaceId: tied.workspaceId, to, pageSize: 2, maxEvents: 4 })).rejects.toThrow(/more than 4 stored track events/);
    });
  });
});
