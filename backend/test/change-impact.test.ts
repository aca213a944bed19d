import { demoRequestFollowUp, type ApprovalPolicy, type Playbook, type Trigger } from '@tripline/playbook';
import { generateEvents, runBacktest, seedEventModel, segmentCallsOf, type EventScoringModel, type ScoringModel } from '@tripline/scoring';
import { FrequencyCapsService } from '../src/frequency-caps/frequency-caps.service';
import { ChangeImpactService } from '../src/governance/impact/change-impact.service';
import { loadImpactHistory } from '../src/governance/impact/impact-history';
import { enrollmentsOf } from '../src/governance/impact/replay-pair';
import { PublishedScoringModelsService } from '../src/scoring/published-scoring-models.service';
import { dataSourceOf } from './ingest-support/segment-requests';
import { gql } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp } from './support/test-app';
import { DAY_MS, group, newWorkspace, personIdOf, publishModel, sendBatch, track, type TestWorkspace } from './scoring-support/scoring-api';

const CREATE_PLAYBOOK = `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`;
const PUBLISH_PLAYBOOK = `mutation($id: ID!) { publishPlaybook(id: $id) { version } }`;

/** A policy with the given impact settings (levels do not matter to the impact). */
function policyWith(impact: Partial<ApprovalPolicy['impact']> = {}): ApprovalPolicy {
  return {
    levels: [],
    impact: { windowDays: 28, outcome: { kind: 'event', event: 'Order Completed' }, revenueTrait: 'arr', ...impact },
    rollbackCriteria: { fireRateIncreaseAbove: 2, minFires: 10 },
    notifications: { emailConnection: null, linkValidFor: '7d' },
  };
}

/**
 * welcome email → wait 2 days → follow-up email → CRM task: 2 emails and 1 CRM task per fire (the
 * email connector's `send` and HubSpot's `createTask` declare those outreach channels).
 */
function nurturePlaybook(trigger: Trigger, reenroll: Playbook['enrollment']['reenroll'] = 'never'): Playbook {
  const email = (subject: string) => ({ kind: 'action' as const, connector: 'email', action: 'send', connection: 'default-email', input: { to: '{{ person.traits.email }}', subject, text: 'Hello' } });
  return {
    schemaVersion: 1,
    id: 'nurture',
    version: 1,
    name: 'Nurture',
    trigger,
    enrollment: { subject: 'person', reenroll },
    start: 'welcome',
    nodes: {
      welcome: email('Welcome'),
      pause: { kind: 'wait', for: '2d' },
      'follow-up': email('Following up'),
      task: { kind: 'action', connector: 'hubspot', action: 'createTask', connection: 'crm', input: { subject: 'Call {{ person.traits.email }}' } },
      done: { kind: 'end' },
    },
    edges: [
      { from: 'welcome', to: 'pause' },
      { from: 'pause', to: 'follow-up' },
      { from: 'follow-up', to: 'task' },
      { from: 'task', to: 'done' },
    ],
  };
}

const threshold = (model: string, value: number): Trigger => ({ kind: 'scoreThreshold', model, threshold: value, direction: 'up' });

/** Events worth `points` per rule, no decay: scores are sums worked out by hand. */
const handModel = (tiers: EventScoringModel['tiers'], points: { demo: number; pricing: number }): EventScoringModel => ({
  schemaVersion: 1,
  id: 'hand',
  version: 1,
  name: 'Hand',
  kind: 'events',
  rules: [
    { id: 'pricing', event: 'Pricing Page Viewed', points: points.pricing, weight: 1 },
    { id: 'demo', event: 'Demo Requested', points: points.demo, weight: 1 },
  ],
  decay: { kind: 'none' },
  rollup: 'sum',
  tiers,
});
const TIERS_71 = [
  { name: 'Low', min: 0, max: 40 },
  { name: 'Medium', min: 41, max: 70 },
  { name: 'High', min: 71, max: 100 },
];
const TIERS_75 = [
  { name: 'Low', min: 0, max: 40 },
  { name: 'Medium', min: 41, max: 74 },
  { name: 'High', min: 75, max: 100 },
];

describe.each(databaseKindsUnderTest())('change impact over stored history on %s', (kind) => {
  let t: TestApp;
  let impact: ChangeImpactService;

  beforeAll(async () => {
    t = await startTestApp(kind, { TRIPLINE_TRIGGER_TICK_MS: '3600000' });
    impact = t.app.get(ChangeImpactService);
  });
  afterAll(async () => t?.close());

  async function publishPlaybookIn(ws: TestWorkspace, name: string, trigger: Trigger): Promise<string> {
    const definition = JSON.parse(JSON.stringify({ ...demoRequestFollowUp, name, trigger, enrollment: { subject: 'person', reenroll: 'never' } }));
    const created = await gql(t.url, CREATE_PLAYBOOK, { input: { name, definition } }, ws.token);
    const id = created.data?.createPlaybook.id;
    if (!id) throw new Error(`createPlaybook failed: ${JSON.stringify(created.errors)}`);
    const published = await gql(t.url, PUBLISH_PLAYBOOK, { id }, ws.token);
    if (!published.data) throw new Error(`publishPlaybook failed: ${JSON.stringify(published.errors)}`);
    return id;
  }

  describe('a small history worked out by hand', () => {
    let ws: TestWorkspace;
    let modelId: string;
    const people: Record<string, string> = {};
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
    const ids = (...names: string[]) => names.map((name) => people[name]!).sort();

    beforeAll(async () => {
      ws = await newWorkspace(t, 'Impact by hand');
      // Pricing 10, demo 30: ann 10, bob 40, cat 60, dan 70. Accounts' arr: 1,000 / 2,000 / "3000" / 4,000,
      // and a fifth account without one (counts 0): 10,000 in all.
      modelId = await publishModel(t, ws.token, 'Hand', handModel(TIERS_71, { demo: 30, pricing: 10 }));
      await sendBatch(
        t,
        [
          group('ann', 'g1', { name: 'One', arr: 1000 }),
          group('bob', 'g2', { name: 'Two', arr: 2000 }),
          group('cat', 'g3', { name: 'Three', arr: '3000' }),
          group('dan', 'g4', { name: 'Four', arr: 4000 }),
          group('eve', 'g5', { name: 'Five' }),
          track('ann', 'Pricing Page Viewed', daysAgo(10)),
          track('ann', 'Order Completed', daysAgo(5)),
          track('bob', 'Demo Requested', daysAgo(12)),
          track('bob', 'Pricing Page Viewed', daysAgo(11)),
          track('cat', 'Demo Requested', daysAgo(9)),
          track('cat', 'Demo Requested', daysAgo(8)),
          track('cat', 'Order Completed', daysAgo(3)),
          track('dan', 'Demo Requested', daysAgo(15)),
          track('dan', 'Demo Requested', daysAgo(14)),
          track('dan', 'Pricing Page Viewed', daysAgo(13)),
        ],
        ws.writeKey,
      );
      for (const name of ['ann', 'bob', 'cat', 'dan']) people[name] = await personIdOf(t, ws.workspaceId, name);
      // At most 1 email per contact a week; 5 messages of any kind in 30 days; 1 CRM task in 14 days.
      await t.app.get(FrequencyCapsService).setRules(
        ws.workspaceId,
        [
          { channel: 'email', max: 1, days: 7 },
          { channel: 'all', max: 5, days: 30 },
          { channel: 'crm', max: 1, days: 14 },
        ],
        null,
      );
    });

    it('lowering the threshold 65 → 35: the exact fires, new subjects, precision/recall, outreach against the caps and revenue share', async () => {
      const result = await impact.playbookImpact(ws.workspaceId, nurturePlaybook(threshold(modelId, 65)), nurturePlaybook(threshold(modelId, 35)), policyWith(), now);
      expect(result).toEqual({
        from: new Date(now.getTime() - 28 * DAY_MS).toISOString(),
        to: now.toISOString(),
        // 65: dan (crosses at 13 days ago). 35: bob, cat and dan. Over 28 days = 4 weeks.
        firesPerWeek: { before: 0.25, after: 0.75 },
        newSubjects: { count: 2, sample: ids('bob', 'cat') },
        droppedSubjects: { count: 0, sample: [] },
        outreach: {
          // 2 emails + 1 task per fire.
          perWeek: { before: 0.75, after: 2.25 },
          byChannel: [
            { channel: 'crm', perWeek: { before: 0.25, after: 0.75 } },
            { channel: 'email', perWeek: { before: 0.5, after: 1.5 } },
          ],
          caps: [
            // One fire per contact sends 2 emails: over the weekly cap of 1.
            { channel: 'email', limit: 1, window: '7d', projectedPerContact: 2, exceeded: true },
            // 3 messages per fire × (1 fire × 30 / 28 days) = 3.21 ≤ 5.
            { channel: 'all', limit: 5, window: '30d', projectedPerContact: 3.21, exceeded: false },
            { channel: 'crm', limit: 1, window: '14d', projectedPerContact: 1, exceeded: false },
          ],
        },
        // Converted: ann and cat. 65 fires dan only (no order); 35 also fires cat, who orders after.
        precision: { before: 0, after: 1 / 3 },
        recall: { before: 0, after: 0.5 },
        // bob's and cat's accounts: (2,000 + 3,000) / 10,000.
        revenueShareAffected: 50,
        pipelineValueAffected: 5000,
        tiers: [],
        notes: [],
      });
    });

    it('raising the threshold 35 → 65 drops the same subjects; a first publish (no published version) makes every fire new', async () => {
      const raised = await impact.playbookImpact(ws.workspaceId, nurturePlaybook(threshold(modelId, 35)), nurturePlaybook(threshold(modelId, 65)), policyWith(), now);
      expect(raised).toMatchObject({
        firesPerWeek: { before: 0.75, after: 0.25 },
        newSubjects: { count: 0, sample: [] },
        droppedSubjects: { count: 2, sample: ids('bob', 'cat') },
        revenueShareAffected: 50,
        pipelineValueAffected: 5000,
      });

      const first = await impact.playbookImpact(ws.workspaceId, null, nurturePlaybook(threshold(modelId, 35)), policyWith(), now);
      expect(first).toMatchObject({
        firesPerWeek: { before: 0, after: 0.75 },
        newSubjects: { count: 3, sample: ids('bob', 'cat', 'dan') },
        precision: { before: null, after: 1 / 3 },
        recall: { before: null, after: 0.5 },
        // bob, cat and dan: 9,000 of 10,000.
        revenueShareAffected: 90,
        pipelineValueAffected: 9000,
        notes: [],
      });
    });

    it('reads the window, outcome and revenue trait from the policy', async () => {
      // A 10-day window sees only cat's crossing at 35 (8 days ago; bob's and dan's are older); a trait outcome and a trait nobody has.
      const result = await impact.playbookImpact(
        ws.workspaceId,
        null,
        nurturePlaybook(threshold(modelId, 35)),
        policyWith({ windowDays: 10, outcome: { kind: 'trait', trait: 'plan', equals: 'paid' }, revenueTrait: 'pipeline' }),
        now,
      );
      expect(result).toMatchObject({
        from: new Date(now.getTime() - 10 * DAY_MS).toISOString(),
        firesPerWeek: { before: 0, after: 0.7 },
        newSubjects: { count: 1, sample: ids('cat') },
        // Nobody has plan = paid: precision 0, recall unknown.
        precision: { before: null, after: 0 },
        recall: { before: null, after: null },
        revenueShareAffected: 0,
        pipelineValueAffected: 0,
        notes: ['no account has a revenue value in trait "pipeline" (numbers or numeric strings): revenue share affected is 0'],
      });
    });

    it('notes a history past the backtest limit instead of replaying it', async () => {
      const history = await loadImpactHistory(dataSourceOf(t), {
        workspaceId: ws.workspaceId,
        from: new Date(now.getTime() - 28 * DAY_MS),
        to: new Date(now.getTime() - 1),
        outcome: { kind: 'event', event: 'Order Completed' },
        maxEvents: 5,
      });
      expect(history).toEqual({
        events: null,
        eventsInWindow: 10,
        notes: [expect.stringMatching(/^the history holds 10 stored track events up to the window's end \(10 in the window\), more than the 5 a backtest replays/)],
      });
      const within = await loadImpactHistory(dataSourceOf(t), { workspaceId: ws.workspaceId, from: new Date(now.getTime() - 28 * DAY_MS), to: new Date(now.getTime() - 1), outcome: { kind: 'event', event: 'Order Completed' } });
      expect(within.events).toHaveLength(10);
    });
  });

  describe('a scoring model change: the High tier from 71 to 75', () => {
    let ws: TestWorkspace;
    let modelId: string;
    const people: Record<string, string> = {};
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

    beforeAll(async () => {
      ws = await newWorkspace(t, 'Impact of a model');
      // Demo 36, pricing 4: xia 72 (High at 71, Medium at 75), yan 76 (High either way), zoe 40, wes 36.
      modelId = await publishModel(t, ws.token, 'Tiered', handModel(TIERS_71, { demo: 36, pricing: 4 }));
      await sendBatch(
        t,
        [
          group('xia', 'gx', { arr: 300 }),
          group('yan', 'gy', { arr: 100 }),
          track('xia', 'Demo Requested', daysAgo(6)),
          track('xia', 'Demo Requested', daysAgo(5)),
          track('yan', 'Demo Requested', daysAgo(6)),
          track('yan', 'Demo Requested', daysAgo(5)),
          track('yan', 'Pricing Page Viewed', daysAgo(4)),
          track('zoe', 'Demo Requested', daysAgo(3)),
          track('zoe', 'Pricing Page Viewed', daysAgo(2)),
          track('wes', 'Demo Requested', daysAgo(1)),
        ],
        ws.writeKey,
      );
      for (const name of ['xia', 'yan']) people[name] = await personIdOf(t, ws.workspaceId, name);
      // Reads the model: counts. Reads no score: ignored by a model change.
      await publishPlaybookIn(ws, 'Into High', { kind: 'tierChange', model: modelId, to: 'High' });
      await publishPlaybookIn(ws, 'Every demo', { kind: 'event', event: 'Demo Requested' });
    });

    it("moves the tier distribution and the dependent playbook's fires", async () => {
      const before = (await t.app.get(PublishedScoringModelsService).findOne(ws.workspaceId, modelId))!.definition;
      const after: ScoringModel = { ...before, version: before.version + 1, tiers: TIERS_75 };
      const result = await impact.scoringModelImpact(ws.workspaceId, before, after, policyWith(), now);
      expect(result).toMatchObject({
        // Into High at 71: xia and yan; at 75: yan only (at the pricing view).
        firesPerWeek: { before: 0.5, after: 0.25 },
        newSubjects: { count: 0, sample: [] },
        droppedSubjects: { count: 1, sample: [people.xia] },
        // The demo playbook's one email per fire: 2 fires → 1.
        outreach: { perWeek: { before: 0.5, after: 0.25 }, byChannel: [{ channel: 'email', perWeek: { before: 0.5, after: 0.25 } }], caps: [] },
        // xia's account: 300 of 400.
        revenueShareAffected: 75,
        pipelineValueAffected: 300,
        tiers: [
          { tier: 'Low', before: 2, after: 2 },
          { tier: 'Medium', before: 0, after: 1 },
          { tier: 'High', before: 2, after: 1 },
        ],
        notes: [],
      });
    });

    it('says so when no published playbook reads the model', async () => {
      const lonely = await publishModel(t, ws.token, 'Lonely', handModel(TIERS_71, { demo: 36, pricing: 4 }));
      const before = (await t.app.get(PublishedScoringModelsService).findOne(ws.workspaceId, lonely))!.definition;
      const result = await impact.scoringModelImpact(ws.workspaceId, before, { ...before, tiers: TIERS_75 }, policyWith(), now);
      expect(result).toMatchObject({ firesPerWeek: { before: 0, after: 0 }, revenueShareAffected: 0 });
      expect(result.tiers).toEqual([
        { tier: 'Low', before: 2, after: 2 },
        { tier: 'Medium', before: 0, after: 1 },
        { tier: 'High', before: 2, after: 1 },
      ]);
      expect(result.notes).toEqual(['no published playbook\'s trigger reads scoring model "Lonely": fires, subjects and outreach are 0']);
    });
  });

  describe('a generated history', () => {
    let ws: TestWorkspace;
    let modelId: string;
    const now = new Date();
    const start = Math.floor(now.getTime() / DAY_MS) * DAY_MS - 22 * DAY_MS;
    const dataset = generateEvents({ accounts: 10, days: 21, seed: 6, start });
    // Every account has an arr: 1,000 × its number.
    dataset.accounts.forEach((account, index) => (account.traits.arr = 1000 * (index + 1)));
    const arrOf = new Map(dataset.accounts.map((account) => [account.id, account.traits.arr as number]));
    const accountOfPerson = new Map(dataset.accounts.flatMap((account) => account.people.map((person) => [person.id, account.id] as const)));
    const totalArr = [...arrOf.values()].reduce((sum, arr) => sum + arr, 0);
    const enrollment = { subject: 'person' as const, reenroll: { afterDays: 7 } };
    const range = { from: now.getTime() - 28 * DAY_MS, to: now.getTime() - 1 };
    /** The oracle: runBacktest over the generated events themselves (synthetic ids), not the stored copy. */
    const direct = (value: number) => {
      const model = seedEventModel();
      return runBacktest({ events: dataset.events, model, trigger: threshold(model.id, value), range, outcome: { kind: 'event', event: 'Order Completed' }, subject: 'person' });
    };
    const uniqueAccountsOf = (persons: string[]) => [...new Set(persons.map((id) => accountOfPerson.get(id)!))];

    beforeAll(async () => {
      ws = await newWorkspace(t, 'Impact generated');
      modelId = await publishModel(t, ws.token, 'Lead score', seedEventModel());
      const calls = segmentCallsOf(dataset);
      await sendBatch(t, calls.filter((call) => call.type !== 'track'), ws.writeKey);
      const tracks = calls.filter((call) => call.type === 'track');
      for (let i = 0; i < tracks.length; i += 500) await sendBatch(t, tracks.slice(i, i + 500), ws.writeKey);
    }, 120_000);

    const compare = async (from: number, to: number) => {
      const published = direct(from);
      const proposed = direct(to);
      const result = await impact.playbookImpact(ws.workspaceId, nurturePlaybook(threshold(modelId, from), enrollment.reenroll), nurturePlaybook(threshold(modelId, to), enrollment.reenroll), policyWith(), now);
      const perWeek = (summary: typeof published) => Math.round(((enrollmentsOf(summary, enrollment, 28) * 7) / 28) * 100) / 100;
      expect(result.firesPerWeek).toEqual({ before: perWeek(published), after: perWeek(proposed) });
      expect(result.precision).toEqual({ before: published.precision, after: proposed.precision });
      expect(result.recall).toEqual({ before: published.recall, after: proposed.recall });
      const fresh = proposed.fired.filter((id) => !published.fired.includes(id));
      const dropped = published.fired.filter((id) => !proposed.fired.includes(id));
      expect([result.newSubjects.count, result.droppedSubjects.count]).toEqual([fresh.length, dropped.length]);
      // Affected accounts counted once however many of their people are affected.
      const affected = uniqueAccountsOf([...fresh, ...dropped]);
      const affectedArr = affected.reduce((sum, id) => sum + arrOf.get(id)!, 0);
      expect(result.pipelineValueAffected).toBe(affectedArr);
      expect(result.revenueShareAffected).toBe(Math.round(((100 * affectedArr) / totalArr) * 10_000) / 10_000);
      expect(result.notes).toEqual([]);
      return { result, published, proposed };
    };

    it('raising a score threshold (100 → 150) lowers fires per week and lists the dropped subjects', async () => {
      const { result, published, proposed } = await compare(100, 150);
      expect(published.fired.length).toBeGreaterThan(proposed.fired.length);
      expect(result.firesPerWeek.after).toBeLessThan(result.firesPerWeek.before);
      expect(result.newSubjects.count).toBe(0);
      expect(result.droppedSubjects.count).toBeGreaterThan(10);
      expect(result.droppedSubjects.sample).toHaveLength(Math.min(20, result.droppedSubjects.count));
      expect(result.revenueShareAffected).toBeGreaterThan(0);
    });

    it('lowering it (100 → 50) adds new subjects', async () => {
      const { result } = await compare(100, 50);
      expect(result.firesPerWeek.after).toBeGreaterThan(result.firesPerWeek.before);
      expect(result.newSubjects.count).toBeGreaterThan(10);
      expect(result.droppedSubjects.count).toBe(0);
      expect(result.outreach.perWeek.after).toBeGreaterThan(result.outreach.perWeek.before);
    });
  });

  it('an empty workspace: zeros and notes saying why, never the history of another workspace', async () => {
    const ws = await newWorkspace(t, 'Impact empty');
    const result = await impact.playbookImpact(ws.workspaceId, null, nurturePlaybook({ kind: 'event', event: 'Demo Requested' }), policyWith());
    expect(result).toMatchObject({
      firesPerWeek: { before: 0, after: 0 },
      newSubjects: { count: 0, sample: [] },
      droppedSubjects: { count: 0, sample: [] },
      outreach: { perWeek: { before: 0, after: 0 }, caps: [] },
      precision: { before: null, after: null },
      recall: { before: null, after: null },
      revenueShareAffected: 0,
      pipelineValueAffected: 0,
      tiers: [],
    });
    expect(result.notes).toEqual([expect.stringMatching(/^no stored track events in the window/), 'the workspace has no accounts: revenue share affected is 0']);

    const model = { ...seedEventModel(), id: 'not-published' };
    const modelImpact = await impact.scoringModelImpact(ws.workspaceId, null, model, policyWith());
    expect(modelImpact).toMatchObject({ firesPerWeek: { before: 0, after: 0 }, revenueShareAffected: 0 });
    expect(modelImpact.tiers.every((row) => row.before === 0 && row.after === 0)).toBe(true);
    expect(modelImpact.notes).toEqual([
      expect.stringMatching(/^no stored track events in the window/),
      `no published playbook's trigger reads scoring model "${model.name}": fires, subjects and outreach are 0`,
      'the workspace has no accounts: revenue share affected is 0',
    ]);
  });
});
