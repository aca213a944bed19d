import { seedEventModel } from '@tripline/scoring';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { ScoreHistoryEntity } from '../src/scoring/score-history.entity';
import { ScoreStateEntity } from '../src/scoring/score-state.entity';
import { findAll, postSegment } from './ingest-support/segment-requests';
import { gql, loginAsAdmin } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp } from './support/test-app';
import {
  accountIdOf,
  ago,
  DAY_MS,
  group,
  modelIdByName,
  newWorkspace,
  personIdOf,
  PROFILE,
  profileScore,
  publishModel,
  PUBLISH_MODEL,
  RANKED,
  sendBatch,
  track,
  type TestWorkspace,
} from './scoring-support/scoring-api';

const LEAD = 'Lead score (seed table)';
const PQL = 'PQL score (7 factors)';

/** Seconds before now, as ISO: events this recent have not decayed by 0.005 of a point yet. */
const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

/** Keeps a test's "same UTC day" events from straddling midnight. */
async function awayFromMidnight(): Promise<void> {
  const intoDay = Date.now() % DAY_MS;
  if (intoDay < 90_000) await new Promise((resolve) => setTimeout(resolve, 90_000 - intoDay));
}

/** A small deterministic generator (mulberry32), so the "shuffled" test is reproducible. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(databaseKindsUnderTest())('live scores on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let workspaceId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await loginAsAdmin(t.url);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
  });
  afterAll(async () => t?.close());

  describe('the seed table and the 7-factor model, through /v1/batch', () => {
    let ann: string;
    let bob: string;
    let acme: string;

    beforeAll(async () => {
      await awayFromMidnight();
      const traits = { name: 'Acme', seats: 10, active_integrations: 3, usage: 80, usage_limit: 100 };
      await sendBatch(t, [group('sc-ann', 'sc-acme', traits), group('sc-bob', 'sc-acme')]);
      // One batch, sent out of order: scores are applied in event time.
      await sendBatch(t, [
        track('sc-bob', 'Trial Started', secondsAgo(10), {}, 'sc-bob-trial'),
        track('sc-ann', 'Demo Requested', secondsAgo(14), {}, 'sc-ann-demo'),
        track('sc-ann', 'Pricing Page Viewed', secondsAgo(20), {}, 'sc-ann-pricing'),
        track('sc-ann', 'Feature Used', secondsAgo(15), { core: true }, 'sc-ann-feature-2'),
        track('sc-ann', 'Trial Started', secondsAgo(18), {}, 'sc-ann-trial'),
        track('sc-ann', 'Feature Used', secondsAgo(16), { core: true, advanced: true, feature: 'reports' }, 'sc-ann-feature-1'),
      ]);
      ann = await personIdOf(t, workspaceId, 'sc-ann');
      bob = await personIdOf(t, workspaceId, 'sc-bob');
      acme = await accountIdOf(t, workspaceId, 'sc-acme');
    });

    it("moves the person's score by points × weight, shows why, and keeps its history", async () => {
      const lead = await profileScore(t, admin, { personId: ann }, LEAD);
      // pricing 5 × 1.0 + trial 50 × 1.5 + core feature 10 × 1.2 (once that day) + demo 75 × 2.0
      expect(lead).toMatchObject({ score: 242, tier: 'High', tierAction: 'escalate', modelVersion: 1, components: null });
      expect(lead.topContributions.map((c: Record<string, unknown>) => [c.event, c.ruleId, c.points, c.basePoints, c.messageId])).toEqual([
        ['Demo Requested', 'requested-a-demo', 150, 150, 'sc-ann-demo'],
        ['Trial Started', 'signed-up-for-free-trial', 75, 75, 'sc-ann-trial'],
        ['Feature Used', 'used-core-feature-daily', 12, 12, 'sc-ann-feature-1'],
        ['Pricing Page Viewed', 'visited-pricing-page', 5, 5, 'sc-ann-pricing'],
      ]);
      // One history row per changed score, newest first; the capped second feature use changed nothing.
      expect(lead.history.map((h: Record<string, unknown>) => [h.score, h.tier, h.messageId])).toEqual([
        [242, 'High', 'sc-ann-demo'],
        [92, 'High', 'sc-ann-feature-1'],
        [80, 'High', 'sc-ann-trial'],
        [5, 'Low', 'sc-ann-pricing'],
      ]);
      expect(lead.history[0].at).toBe(new Date(lead.lastEventAt).toISOString());
      // A person profile lists event models only: component models score accounts.
      expect(await profileScore(t, admin, { personId: ann }, PQL)).toBeUndefined();
      expect(await profileScore(t, admin, { personId: bob }, LEAD)).toMatchObject({ score: 75, tier: 'High' });
    });

    it("rolls the members' events up to the account (sum) and scores it with the 7 factors", async () => {
      const result = await gql(t.url, PROFILE, { accountId: acme }, admin);
      expect(result.errors).toBeUndefined();
      const profile = result.data.profile;
      expect(profile).toMatchObject({ subjectKind: 'account', subjectId: acme, groupId: 'sc-acme', traits: { name: 'Acme', seats: 10 } });
      const lead = profile.scores.find((s: { model: { name: string } }) => s.model.name === LEAD);
      expect(lead).toMatchObject({ score: 317, tier: 'High' });
      expect(lead.history.map((h: { score: number }) => h.score)).toEqual([317, 242, 92, 80, 5]);
      expect(lead.topContributions[0]).toMatchObject({ event: 'Demo Requested', points: 150 });

      const pql = profile.scores.find((s: { model: { name: string } }) => s.model.name === PQL);
      // WAU 2 of 10 seats = 20 % of the 80 % target → 20 × 20/80 = 5; 1 advanced feature of 5 → 15 × 1/5 = 3;
      // 3 integrations → 10; usage 80 % of the limit → 15; no sessions, collaboration or previous month → 0.
      expect(pql).toMatchObject({ score: 33, tier: 'Low', tierAction: 'monitor', topContributions: [] });
      expect(pql.components.map((c: Record<string, unknown>) => [c.id, c.value, c.points])).toEqual([
        ['weekly-active-users', 20, 5],
        ['feature-depth', 1, 3],
        ['session-duration', 0, 0],
        ['collaboration', 0, 0],
        ['integrations', 3, 10],
        ['org-expansion', 0, 0],
        ['billing-proximity', 80, 15],
      ]);
      expect(pql.components[2].note).toMatch(/no "duration_minutes" values/);
      // No trigger reads this model, so the batch scored each account once: one row at its newest event.
      expect(pql.history).toEqual([expect.objectContaining({ score: 33, tier: 'Low', messageId: 'sc-bob-trial' })]);
    });

    it('decays by half-life at read time: 5 points 30 days ago are worth 2.5', async () => {
      await sendBatch(t, [track('sc-old', 'Pricing Page Viewed', ago(30), {}, 'sc-old-pricing')]);
      const old = await profileScore(t, admin, { personId: await personIdOf(t, workspaceId, 'sc-old') }, LEAD);
      expect(old).toMatchObject({ score: 2.5, tier: 'Low' });
      expect(old.topContributions[0]).toMatchObject({ points: 2.5, basePoints: 5 });
      // History keeps the score at the event's time.
      expect(old.history[0].score).toBe(5);
    });

    it('ranks subjects by score now, optionally in one tier', async () => {
      const leadId = await modelIdByName(t, admin, LEAD);
      const people = (await gql(t.url, RANKED, { modelId: leadId, subjectKind: 'person' }, admin)).data.rankedSubjects;
      const scores = people.map((p: { score: number }) => p.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(people.find((p: { subjectId: string }) => p.subjectId === ann)).toMatchObject({ name: 'sc-ann', score: 242, tier: 'High' });
      const high = (await gql(t.url, RANKED, { modelId: leadId, subjectKind: 'person', tier: 'High', limit: 2 }, admin)).data.rankedSubjects;
      expect(high.map((p: { subjectId: string }) => p.subjectId)).toEqual([ann, bob]);
      const low = (await gql(t.url, RANKED, { modelId: leadId, subjectKind: 'person', tier: 'Low' }, admin)).data.rankedSubjects;
      expect(low.every((p: { tier: string; score: number }) => p.tier === 'Low' && p.score <= 40)).toBe(true);
      expect(low.map((p: { name: string }) => p.name)).toContain('sc-old');

      const accounts = (await gql(t.url, RANKED, { modelId: leadId, subjectKind: 'account' }, admin)).data.rankedSubjects;
      expect(accounts[0]).toMatchObject({ subjectId: acme, name: 'Acme', score: 317 });
      const pqlId = await modelIdByName(t, admin, 'PQL score (7 factors)');
      expect((await gql(t.url, RANKED, { modelId: pqlId, subjectKind: 'account' }, admin)).data.rankedSubjects[0]).toMatchObject({ subjectId: acme, score: 33, tier: 'Low' });
      const refused = await gql(t.url, RANKED, { modelId: pqlId, subjectKind: 'person' }, admin);
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect((await gql(t.url, RANKED, { modelId: leadId, subjectKind: 'person', limit: 0 }, admin)).errors?.[0].message).toMatch(/^limit: /);
    });

    it('asks for exactly one subject and scopes it to the workspace', async () => {
      expect((await gql(t.url, PROFILE, {}, admin)).errors?.[0]).toMatchObject({ message: 'profile: give exactly one of personId and accountId', extensions: { code: 'BAD_USER_INPUT' } });
      expect((await gql(t.url, PROFILE, { personId: ann, accountId: acme }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const other = await newWorkspace(t, 'Profiles elsewhere', 'viewer');
      expect((await gql(t.url, PROFILE, { personId: ann }, other.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('gives a stitched person the state the merged person built', async () => {
      await sendBatch(t, [{ type: 'identify', userId: 'sc-merge', traits: { plan: 'free' }, messageId: 'sc-merge-identify' }]);
      await postSegment(t, 'track', { anonymousId: 'sc-anon', event: 'Trial Started', timestamp: secondsAgo(5), messageId: 'sc-anon-trial' });
      const anonymous = (await findAll(t, ScoreHistoryEntity, { workspaceId, messageId: 'sc-anon-trial', subjectKind: 'person' }))[0].subjectId;
      await sendBatch(t, [{ type: 'alias', userId: 'sc-merge', previousId: 'sc-anon', messageId: 'sc-merge-alias' }]);
      const survivor = await personIdOf(t, workspaceId, 'sc-merge');
      expect(survivor).not.toBe(anonymous);
      const lead = await profileScore(t, admin, { personId: survivor }, LEAD);
      expect(lead).toMatchObject({ score: 75, history: [expect.objectContaining({ score: 75, messageId: 'sc-anon-trial' })] });
      expect(await findAll(t, ScoreStateEntity, { workspaceId, subjectId: anonymous })).toEqual([]);
    });

    it('rebuilds the survivor from both persons\' events when both were scored, caps and all', async () => {
      // The user used a core feature; on another device, before signing in, so did they (same day:
      // capped at one a day) and they viewed pricing. One person would score 12 + 5 = 17.
      const at = Date.now() - 60_000;
      await sendBatch(t, [track('sc-both', 'Feature Used', new Date(at).toISOString(), { core: true }, 'sc-both-feature')]);
      await postSegment(t, 'track', { anonymousId: 'sc-both-anon', event: 'Feature Used', properties: { core: true }, timestamp: new Date(at + 1_000).toISOString(), messageId: 'sc-both-anon-feature' });
      await postSegment(t, 'track', { anonymousId: 'sc-both-anon', event: 'Pricing Page Viewed', timestamp: new Date(at + 2_000).toISOString(), messageId: 'sc-both-anon-pricing' });
      const user = await personIdOf(t, workspaceId, 'sc-both');
      expect((await profileScore(t, admin, { personId: user }, LEAD)).score).toBeCloseTo(12, 1);

      await sendBatch(t, [{ type: 'identify', userId: 'sc-both', anonymousId: 'sc-both-anon', messageId: 'sc-both-identify' }]);
      const merged = await profileScore(t, admin, { personId: user }, LEAD);
      expect(merged.score).toBeCloseTo(17, 1);
      const [state] = await findAll(t, ScoreStateEntity, { workspaceId, subjectKind: 'person', subjectId: user });
      expect(state.lastEventAt.getTime()).toBe(at + 2_000);
    });
  });

  describe('arrival order', () => {
    let inOrder: TestWorkspace;
    let shuffled: TestWorkspace;
    const windowed = { ...seedEventModel(), decay: { kind: 'window', days: 14 }, rollup: 'max' };

    /** ~60 events of 4 users in 2 accounts over 20 days, several core-feature uses a day (capped). */
    function history() {
      const next = random(42);
      const events = ['Pricing Page Viewed', 'Trial Started', 'Feature Used', 'Feature Used', 'Demo Requested'];
      const calls: Record<string, unknown>[] = [];
      for (let i = 0; i < 60; i += 1) {
        const user = `ao-user-${Math.floor(next() * 4)}`;
        const event = events[Math.floor(next() * events.length)];
        const day = Math.floor(next() * 20);
        calls.push(track(user, event, ago(day, Math.floor(next() * 600)), { core: next() < 0.8 }, `ao-${i}`));
      }
      return calls;
    }

    const scoresOf = async (w: TestWorkspace, modelName: string) => {
      const modelId = await modelIdByName(t, w.token, modelName);
      const read = async (subjectKind: string) =>
        ((await gql(t.url, RANKED, { modelId, subjectKind }, w.token)).data.rankedSubjects as { name: string; score: number }[])
          .map((s) => [s.name, s.score])
          .sort(([a], [b]) => String(a).localeCompare(String(b)));
      return { people: await read('person'), accounts: await read('account') };
    };

    beforeAll(async () => {
      inOrder = await newWorkspace(t, 'In order');
      shuffled = await newWorkspace(t, 'Shuffled');
      for (const w of [inOrder, shuffled]) {
        await publishModel(t, w.token, 'Lead', seedEventModel());
        await publishModel(t, w.token, 'Windowed max', windowed);
        const groups = [0, 1, 2, 3].map((u) => ({ ...group(`ao-user-${u}`, `ao-account-${u % 2}`, { name: `Account ${u % 2}` }), messageId: `ao-group-${u}` }));
        await sendBatch(t, groups, w.writeKey);
      }
      const calls = history();
      const chronological = [...calls].sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
      for (let i = 0; i < chronological.length; i += 10) await sendBatch(t, chronological.slice(i, i + 10), inOrder.writeKey);
      const next = random(7);
      const mixed = [...calls].sort(() => next() - 0.5).reverse();
      for (let i = 0; i < mixed.length; i += 7) await sendBatch(t, mixed.slice(i, i + 7), shuffled.writeKey);
      // A retried batch changes nothing.
      await sendBatch(t, mixed.slice(0, 7), shuffled.writeKey);
    });

    it('gives the same scores whatever order the same events arrive in', async () => {
      for (const model of ['Lead', 'Windowed max']) {
        const expected = await scoresOf(inOrder, model);
        expect(expected.people).toHaveLength(4);
        expect(expected.accounts).toHaveLength(2);
        expect(expected.people.some(([, score]) => (score as number) > 0)).toBe(true);
        // Read a few hundred ms apart: a 30-day half-life moves a score of ~1,000 by ~0.0001 in that
        // time, which can cross a half cent, so compare within one cent rather than to the digit.
        const actual = await scoresOf(shuffled, model);
        for (const kind of ['people', 'accounts'] as const) {
          expect(actual[kind].map(([name]) => name)).toEqual(expected[kind].map(([name]) => name));
          actual[kind].forEach(([, score], index) => expect(Math.abs((score as number) - (expected[kind][index]![1] as number))).toBeLessThanOrEqual(0.01 + 1e-9));
        }
      }
    });

    it('starts a newly published version from a fresh state', async () => {
      const leadId = await modelIdByName(t, inOrder.token, 'Lead');
      const user = await personIdOf(t, inOrder.workspaceId, 'ao-user-0');
      expect((await profileScore(t, inOrder.token, { personId: user }, 'Lead')).score).toBeGreaterThan(0);
      expect((await gql(t.url, PUBLISH_MODEL, { id: leadId }, inOrder.token)).data.publishScoringModel.version).toBe(2);
      expect(await profileScore(t, inOrder.token, { personId: user }, 'Lead')).toMatchObject({ modelVersion: 2, score: 0, topContributions: [] });
      await sendBatch(t, [track('ao-user-0', 'Trial Started', secondsAgo(3), {}, 'ao-after-v2')], inOrder.writeKey);
      expect(await profileScore(t, inOrder.token, { personId: user }, 'Lead')).toMatchObject({ modelVersion: 2, score: 75 });
    });
  });

  it('scores nothing in a workspace without published models', async () => {
    const empty = await newWorkspace(t, 'No models');
    await sendBatch(t, [track('nm-user', 'Trial Started', secondsAgo(2), {}, 'nm-trial')], empty.writeKey);
    expect(await findAll(t, ScoreStateEntity, { workspaceId: empty.workspaceId })).toEqual([]);
    const person = await personIdOf(t, empty.workspaceId, 'nm-user');
    expect((await gql(t.url, PROFILE, { personId: person }, empty.token)).data.profile.scores).toEqual([]);
  });
});
