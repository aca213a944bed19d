import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { EventTail, eventsIngestedTopic } from '../src/event-tail/event-tail';
import { GraphqlPubSub } from '../src/graphql/pubsub';
import { IngestService } from '../src/ingest/ingest.service';
import { validateSegmentBody } from '../src/ingest/segment/parse-segment-request';
import { basicAuth, postSegment } from './ingest-support/segment-requests';
import { accountIdOf, DAY_MS, newUser, newWorkspace, personIdOf, type TestWorkspace } from './scoring-support/scoring-api';
import { gql, loginAsAdmin } from './support/graphql-client';
import { startTestApp, TestApp } from './support/test-app';
import { databaseKindsUnderTest } from './support/test-databases';
import { subscribeOnTopic } from './support/graphql-subscription';

jest.setTimeout(30_000);

const EFFECT_FIELDS = 'modelId modelName subjectKind subjectId points scoreBefore scoreAfter tierBefore tierAfter';
const EVENT_FIELDS = `messageId type event userId anonymousId personId accountId timestamp receivedAt source scoreEffects { ${EFFECT_FIELDS} }`;
const EVENTS_INGESTED = `subscription Tail($filter: EventTailFilter) { eventsIngested(filter: $filter) { ${EVENT_FIELDS} } }`;
const RECENT_EVENTS = `query Recent($limit: Int, $before: String, $filter: EventTailFilter) { recentEvents(limit: $limit, before: $before, filter: $filter) { ${EVENT_FIELDS} } }`;
const LEAD_SCORE = 'Lead score (seed table)';

interface Effect {
  modelId: string;
  modelName: string;
  subjectKind: 'person' | 'account';
  subjectId: string;
  points: number;
  scoreBefore: number;
  scoreAfter: number;
  tierBefore: string | null;
  tierAfter: string | null;
}
interface TailEvent {
  messageId: string;
  type: string;
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  personId: string | null;
  accountId: string | null;
  timestamp: string;
  receivedAt: string;
  source: string | null;
  scoreEffects: Effect[];
}

describe.each(databaseKindsUnderTest())('live event tail on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;
  let adminToken: string;
  let viewerToken: string;
  let other: TestWorkspace;
  const clients: Client[] = [];
  const tag = randomUUID().slice(0, 8);
  // Five days ago, on a whole second: every event of a test is placed relative to it.
  const T0 = Math.floor((Date.now() - 5 * DAY_MS) / 1000) * 1000;
  const at = (days = 0) => new Date(T0 + days * DAY_MS).toISOString();
  const library = { library: { name: 'analytics-node', version: '2.0.0' } };
  let sequence = 0;
  const id = (label: string) => `${label}-${tag}-${++sequence}`;
  const track = (userId: string, event: string, timestamp: string, properties: Record<string, unknown> = {}) => ({
    type: 'track',
    userId,
    event,
    properties,
    timestamp,
    messageId: id('tail'),
    context: library,
  });

  beforeAll(async () => {
    t = await startTestApp(kind);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    adminToken = await loginAsAdmin(t.url);
    viewerToken = await newUser(t, workspaceId, 'viewer');
    other = await newWorkspace(t, `Other ${tag}`);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await t?.close();
  });

  // Every test ends with no listener, so the next one's "listening" check counts only its own.
  const open: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.stop()));
    const pubsub = t.app.get(GraphqlPubSub);
    const deadline = Date.now() + 5000;
    while (pubsub.listenerCount(eventsIngestedTopic(workspaceId)) + pubsub.listenerCount(eventsIngestedTopic(other.workspaceId)) > 0) {
      if (Date.now() > deadline) throw new Error('subscriptions did not end');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });

  async function sendBatch(batch: Record<string, unknown>[], writeKey?: string) {
    const response = await postSegment(t, 'batch', { batch }, writeKey ? { authorization: basicAuth(writeKey) } : {});
    expect(response).toMatchObject({ status: 200 });
  }

  /** A graphql-ws client of `eventsIngested`, listening once the server registered it. */
  async function subscribe(token: string, inWorkspace: string, filter: Record<string, unknown> | null = null) {
    const subscription = await subscribeOnTopic<TailEvent>(t, clients, { token, topic: eventsIngestedTopic(inWorkspace), query: EVENTS_INGESTED, variables: { filter }, field: 'eventsIngested' });
    open.push(subscription);
    return subscription;
  }

  const leadEffect = (subjectKind: 'person' | 'account', subjectId: string, before: number, after: number, tierBefore: string, tierAfter: string) => ({
    modelName: LEAD_SCORE,
    subjectKind,
    subjectId,
    points: Math.round((after - before) * 100) / 100,
    scoreBefore: before,
    scoreAfter: after,
    tierBefore,
    tierAfter,
  });

  it('counts subscribers: ingest gets a collector only while someone listens to the workspace', async () => {
    const tail = t.app.get(EventTail);
    expect(tail.collector(workspaceId)).toBeNull();
    const listener = await subscribe(viewerToken, workspaceId);
    expect(tail.collector(workspaceId)).not.toBeNull();
    expect(tail.collector(other.workspaceId)).toBeNull();
    await listener.stop();
    const deadline = Date.now() + 5000;
    while (t.app.get(GraphqlPubSub).listenerCount(eventsIngestedTopic(workspaceId)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(tail.collector(workspaceId)).toBeNull();
  });

  it("publishes each stored event after commit with its score effects, to its own workspace's subscribers only", async () => {
    const viewer = await subscribe(viewerToken, workspaceId);
    const onlyTrials = await subscribe(adminToken, workspaceId, { event: 'Trial Started' });
    const foreign = await subscribe(other.token, other.workspaceId);
    const user = `u-${tag}-live`;
    const groupId = `acme-${tag}`;
    const calls = [
      { type: 'identify', userId: user, traits: { email: `${user}@example.test` }, timestamp: at(), messageId: id('identify'), context: library },
      { type: 'group', userId: user, groupId, traits: { name: 'Acme' }, timestamp: at(), messageId: id('group'), context: library },
      track(user, 'Pricing Page Viewed', at()),
      track(user, 'Trial Started', at()),
    ];
    await sendBatch(calls);
    const personId = await personIdOf(t, workspaceId, user);
    const accountId = await accountIdOf(t, workspaceId, groupId);

    const received = [await viewer.next(), await viewer.next(), await viewer.next(), await viewer.next()];
    expect(received.map((e) => [e.type, e.event, e.messageId])).toEqual(calls.map((c) => [c.type, 'event' in c ? c.event : null, c.messageId]));
    for (const event of received) {
      expect(event).toMatchObject({ userId: user, anonymousId: null, personId, accountId, timestamp: at(), source: 'segment:analytics-node' });
      expect(Date.parse(event.receivedAt)).toBeGreaterThan(T0 + 4 * DAY_MS);
    }
    expect(received[0]!.scoreEffects).toEqual([]);
    expect(received[1]!.scoreEffects).toEqual([]);
    // Seed table: Pricing Page Viewed 5 × 1.0 = 5; Trial Started 50 × 1.5 = 75, at the same instant (no decay).
    // Tiers Low 0–40, Medium 41–70, High 71–100. The account rolls its people up by sum, so it moves alike.
    // Only the event model shows: the PQL component model has no per-event effect.
    expect(received[2]!.scoreEffects).toEqual([
      expect.objectContaining(leadEffect('person', personId, 0, 5, 'Low', 'Low')),
      expect.objectContaining(leadEffect('account', accountId, 0, 5, 'Low', 'Low')),
    ]);
    expect(received[3]!.scoreEffects).toEqual([
      expect.objectContaining(leadEffect('person', personId, 5, 80, 'Low', 'High')),
      expect.objectContaining(leadEffect('account', accountId, 5, 80, 'Low', 'High')),
    ]);
    expect(received[3]!.scoreEffects[0]!.points).toBe(75);

    expect(await onlyTrials.next()).toMatchObject({ messageId: calls[3]!.messageId, event: 'Trial Started' });

    // Two days later the 80 has decayed (half-life 30 days): 80 × 2^(−2/30) = 76.39, and pricing adds 5.
    const later = track(user, 'Pricing Page Viewed', at(2));
    await sendBatch([later]);
    const decayed = await viewer.next();
    expect(decayed.messageId).toBe(later.messageId);
    expect(decayed.scoreEffects[0]).toEqual(expect.objectContaining(leadEffect('person', personId, 76.39, 81.39, 'High', 'High')));

    // Publish order is delivery order: had anything of the default workspace reached this client, it would come first.
    const own = track(`u-${tag}-other`, 'Trial Started', at());
    await sendBatch([own], other.writeKey);
    const first = await foreign.next();
    expect(first).toMatchObject({ messageId: own.messageId, scoreEffects: [] }); // a new workspace has no published model
  });

  it('publishes nothing for a batch refused by validation, nor for a transaction that rolled back', async () => {
    const viewer = await subscribe(viewerToken, workspaceId);
    const user = `u-${tag}-refused`;
    const refused = await postSegment(t, 'batch', { batch: [track(user, 'Trial Started', at()), { type: 'track', userId: user, messageId: id('bad'), timestamp: at() }] });
    expect(refused.status).toBe(400);

    const rolledBack = validateSegmentBody('batch', { batch: [track(user, 'Demo Requested', at())] }, new Date(), randomUUID);
    await expect(
      t.app.get(IngestService).store(workspaceId, rolledBack, {
        alsoInTransaction: async () => {
          throw new Error('a later write of the same transaction failed');
        },
      }),
    ).rejects.toThrow('a later write of the same transaction failed');

    const good = track(user, 'Pricing Page Viewed', at());
    await sendBatch([good]);
    // The first event this subscriber ever hears of is the committed one.
    const first = await viewer.next();
    expect(first.messageId).toBe(good.messageId);
    expect(first.scoreEffects[0]).toEqual(expect.objectContaining(leadEffect('person', first.personId!, 0, 5, 'Low', 'Low')));
  });

  describe('recentEvents', () => {
    const user = `u-${tag}-recent`;
    const groupId = `recent-${tag}`;
    let calls: ReturnType<typeof track>[];
    let personId: string;
    let accountId: string;

    beforeAll(async () => {
      calls = [track(user, 'Pricing Page Viewed', at()), track(user, 'Trial Started', at()), track(user, 'Pricing Page Viewed', at(2)), track(`u-${tag}-bystander`, 'Feature Used', at())];
      await sendBatch([{ type: 'group', userId: user, groupId, traits: { name: 'Recent Inc' }, timestamp: at(), messageId: id('group') }]);
      for (const call of calls) await sendBatch([call]);
      personId = await personIdOf(t, workspaceId, user);
      accountId = await accountIdOf(t, workspaceId, groupId);
    });

    const recent = (variables: Record<string, unknown>, token = viewerToken) => gql<{ recentEvents: TailEvent[] }>(t.url, RECENT_EVENTS, variables, token);

    it('pages newest first with the score effects history recorded, the same numbers the live tail showed', async () => {
      const page1 = await recent({ limit: 2 });
      expect(page1.errors).toBeUndefined();
      expect(page1.data!.recentEvents.map((e) => e.messageId)).toEqual([calls[3]!.messageId, calls[2]!.messageId]);
      const page2 = await recent({ limit: 2, before: calls[2]!.messageId });
      expect(page2.data!.recentEvents.map((e) => e.messageId)).toEqual([calls[1]!.messageId, calls[0]!.messageId]);

      const [trial, pricing] = page2.data!.recentEvents;
      expect(pricing).toMatchObject({ type: 'track', event: 'Pricing Page Viewed', userId: user, personId, accountId, timestamp: at(), source: 'segment:analytics-node' });
      expect(pricing!.scoreEffects).toEqual([
        expect.objectContaining(leadEffect('person', personId, 0, 5, 'Low', 'Low')),
        expect.objectContaining(leadEffect('account', accountId, 0, 5, 'Low', 'Low')),
      ]);
      expect(trial!.scoreEffects).toEqual([
        expect.objectContaining(leadEffect('person', personId, 5, 80, 'Low', 'High')),
        expect.objectContaining(leadEffect('account', accountId, 5, 80, 'Low', 'High')),
      ]);
      // The score before is read back from the previous history row, decayed to the event time: 80 × 2^(−2/30).
      expect(page1.data!.recentEvents[1]!.scoreEffects[0]).toEqual(expect.objectContaining(leadEffect('person', personId, 76.39, 81.39, 'High', 'High')));
      // Feature Used without `core: true` matches no rule: no effect.
      expect(page1.data!.recentEvents[0]!.scoreEffects).toEqual([]);
    });

    it('filters by event name, person and account', async () => {
      const byEvent = await recent({ limit: 200, filter: { event: 'Trial Started', personId } });
      expect(byEvent.data!.recentEvents.map((e) => e.messageId)).toEqual([calls[1]!.messageId]);
      const byPerson = await recent({ limit: 200, filter: { personId } });
      expect(byPerson.data!.recentEvents.map((e) => e.messageId)).toEqual([calls[2]!.messageId, calls[1]!.messageId, calls[0]!.messageId, expect.stringMatching(/^group-/)]);
      const byAccount = await recent({ limit: 200, filter: { accountId, event: 'Pricing Page Viewed' } });
      expect(byAccount.data!.recentEvents.map((e) => e.messageId)).toEqual([calls[2]!.messageId, calls[0]!.messageId]);
      // Another workspace sees none of it, whatever it filters by.
      const foreign = await recent({ limit: 200, filter: { personId } }, other.token);
      expect(foreign.data).toEqual({ recentEvents: [] });
    });

    it('refuses a limit above 200 (or below 1) and an unknown cursor with a clear error', async () => {
      for (const limit of [201, 0]) {
        const refused = await recent({ limit });
        expect(refused.data).toBeNull();
        expect(refused.errors?.[0]).toMatchObject({ message: `limit must be between 1 and 200 (got ${limit})`, extensions: { code: 'BAD_USER_INPUT', field: 'limit' } });
      }
      const unknown = await recent({ limit: 5, before: 'no-such-message' });
      expect(unknown.errors?.[0]).toMatchObject({ message: 'before: no event with messageId no-such-message in your workspace', extensions: { code: 'BAD_USER_INPUT' } });
      // Another workspace's messageId is as unknown as a made-up one.
      const foreignCursor = await recent({ limit: 5, before: calls[0]!.messageId }, other.token);
      expect(foreignCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const max = await recent({ limit: 200 });
      expect(max.errors).toBeUndefined();
    });
  });
});
