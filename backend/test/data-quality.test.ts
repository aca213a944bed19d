import { randomUUID } from 'node:crypto';
import { UsersService } from '../src/auth/users.service';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { SourceQualityDayEntity } from '../src/data-quality/source-quality-day.entity';
import { IngestService } from '../src/ingest/ingest.service';
import { validateSegmentBody } from '../src/ingest/segment/parse-segment-request';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { basicAuth, findAll, postSegment } from './ingest-support/segment-requests';
import { gql, login, loginAsAdmin } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp } from './support/test-app';

const DATA_QUALITY = `query DataQuality($from: DateTime, $to: DateTime, $minEvents: Int) {
  dataQuality(from: $from, to: $to, minEvents: $minEvents) {
    source received duplicates stored complete identified accountMatched
    completeness duplicateRate deduplicationRate identityMatchRate accountMatchRate
    flags { kpi value threshold events message }
    lastReceivedAt
  }
}`;

type Item = Record<string, unknown>;
const now = () => new Date().toISOString();

/** A track call with every required field: userId, context.groupId, a client timestamp, properties. */
const completeTrack = (userId: string, groupId: string, id: string): Item => ({
  type: 'track',
  messageId: id,
  userId,
  event: 'Report Exported',
  properties: { format: 'csv' },
  context: { groupId },
  timestamp: now(),
});

describe.each(databaseKindsUnderTest())('data quality per source on %s', (kind) => {
  let t: TestApp;
  let adminToken: string;
  let defaultWorkspaceId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    adminToken = await loginAsAdmin(t.url);
    defaultWorkspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
  });
  afterAll(async () => t?.close());

  /** POSTs one /v1/batch whose top-level context names the sending library (none when null). */
  async function sendBatch(library: string | null, batch: Item[], authorization?: string): Promise<void> {
    const body = { batch, ...(library === null ? {} : { context: { library: { name: library, version: '1.0.0' } } }) };
    const res = await postSegment(t, 'batch', body, authorization ? { authorization } : {});
    expect(res).toEqual({ status: 200, body: { success: true } });
  }

  async function dataQuality(variables: Record<string, unknown> = {}, token = adminToken) {
    const result = await gql(t.url, DATA_QUALITY, variables, token);
    expect(result.errors).toBeUndefined();
    return result.data.dataQuality as Record<string, any>[];
  }

  async function newUser(role: 'viewer' | 'editor', workspaceId: string): Promise<string> {
    const users = t.app.get(UsersService);
    const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
    const password = `password-${randomUUID()}`;
    const user = await users.create({ email, password, name: role });
    await users.setRole(user.id, workspaceId, role);
    return login(t.url, email, password, workspaceId);
  }

  describe('a healthy source and a leaky one, sent through /v1/batch', () => {
    beforeAll(async () => {
      // healthy-lib: 10 users, each a group call, an identify and 18 complete tracks = 10 × 20 = 200 calls,
      // sent as 10 concurrent batches (the upserts add up), then one call re-sent: 201 received.
      await Promise.all(
        Array.from({ length: 10 }, (_, u) =>
          sendBatch('healthy-lib', [
            { type: 'group', messageId: `h-${u}-group`, userId: `h-user-${u}`, groupId: `h-acct-${u % 3}`, traits: { name: `Account ${u % 3}` }, timestamp: now() },
            { type: 'identify', messageId: `h-${u}-identify`, userId: `h-user-${u}`, traits: { plan: 'pro' }, context: { groupId: `h-acct-${u % 3}` }, timestamp: now() },
            ...Array.from({ length: 18 }, (_, i) => completeTrack(`h-user-${u}`, `h-acct-${u % 3}`, `h-${u}-track-${i}`)),
          ]),
        ),
      );
      await sendBatch('healthy-lib', [completeTrack('h-user-0', 'h-acct-0', 'h-0-track-0')]);

      // leaky-lib, first request: 100 new calls.
      const leaky: Item[] = [];
      // 30 anonymous-only tracks from 3 visitors: no userId → incomplete, unidentified, no account.
      for (let i = 0; i < 30; i++) leaky.push({ ...completeTrack('', 'l-acct', `l-anon-${i}`), userId: undefined, anonymousId: `l-visitor-${i % 3}` });
      // 20 complete tracks of 2 identified users who never joined an account (context.groupId is only a claim).
      for (let i = 0; i < 20; i++) leaky.push(completeTrack(`l-solo-${i % 2}`, 'l-acct', `l-solo-${i}`));
      // 5 users in an account: a group call and 9 tracks each = 50 calls; 5 of those tracks carry no timestamp.
      for (let u = 0; u < 5; u++) {
        leaky.push({ type: 'group', messageId: `l-${u}-group`, userId: `l-member-${u}`, groupId: 'l-acct', traits: { name: 'Leaky Inc' }, timestamp: now() });
        for (let i = 0; i < 9; i++) {
          const track = completeTrack(`l-member-${u}`, 'l-acct', `l-${u}-track-${i}`);
          leaky.push(i === 0 ? { ...track, timestamp: undefined } : track);
        }
      }
      await sendBatch('leaky-lib', leaky);
      // Second request: 10 of them again (a client retrying): 10 duplicates.
      await sendBatch('leaky-lib', leaky.slice(0, 10));

      // No context.library: segment:unknown. 5 tracks, 2 of them anonymous.
      await sendBatch(null, [
        ...Array.from({ length: 3 }, (_, i) => completeTrack('n-user', 'n-acct', `n-known-${i}`)),
        ...Array.from({ length: 2 }, (_, i) => ({ ...completeTrack('', 'n-acct', `n-anon-${i}`), userId: undefined, anonymousId: 'n-visitor' })),
      ]);
    });

    it('reports a source above every threshold with its counts and no flags', async () => {
      const healthy = (await dataQuality()).find((s) => s.source === 'segment:healthy-lib')!;
      // 201 received, 1 duplicate → 200 stored; all 200 complete, identified and in an account.
      // deduplication 200/201 = 0.995… ≥ 0.99.
      expect(healthy).toMatchObject({
        received: 201,
        duplicates: 1,
        stored: 200,
        complete: 200,
        identified: 200,
        accountMatched: 200,
        completeness: 1,
        duplicateRate: 1 / 201,
        deduplicationRate: 200 / 201,
        identityMatchRate: 1,
        accountMatchRate: 1,
        flags: [],
      });
      expect(Date.now() - Date.parse(healthy.lastReceivedAt)).toBeLessThan(60_000);
    });

    it('flags every KPI of a leaky source with the arithmetic spelled out', async () => {
      const leaky = (await dataQuality()).find((s) => s.source === 'segment:leaky-lib')!;
      // received = 100 + 10 re-sent = 110; duplicates = 10; stored = 100.
      // complete = 20 solo + (50 member calls − 5 without timestamp) = 65 (the 30 anonymous lack a userId).
      // identified = 20 solo + 50 members = 70; accountMatched = 50 members.
      expect(leaky).toMatchObject({
        received: 110,
        duplicates: 10,
        stored: 100,
        complete: 65,
        identified: 70,
        accountMatched: 50,
        completeness: 65 / 100,
        duplicateRate: 10 / 110,
        deduplicationRate: 100 / 110,
        identityMatchRate: 70 / 100,
        accountMatchRate: 50 / 100,
      });
      expect(leaky.flags).toEqual([
        { kpi: 'COMPLETENESS', value: 0.65, threshold: 0.95, events: 100, message: 'Completeness 65 % is below 95 %: 65 of 100 stored events carry every required field' },
        { kpi: 'DEDUPLICATION', value: 100 / 110, threshold: 0.99, events: 110, message: 'Deduplication rate 90.9 % is below 99 %: 10 of 110 received events were duplicates' },
        {
          kpi: 'IDENTITY_MATCH',
          value: 0.7,
          threshold: 0.9,
          events: 100,
          message: 'Identity match rate 70 % is below 90 %: 70 of 100 stored events were stitched to an identified person',
        },
        {
          kpi: 'ACCOUNT_MATCH',
          value: 0.5,
          threshold: 0.9,
          events: 100,
          message: 'Account match rate 50 % is below 90 %: 50 of 100 stored events were stitched to a person in an account',
        },
      ]);
    });

    it('names a source without context.library segment:unknown and flags it only once it has minEvents events', async () => {
      const unknown = (await dataQuality()).find((s) => s.source === 'segment:unknown')!;
      // 5 stored; the 2 anonymous calls lack a userId: completeness = identity = account match = 3/5 = 0.6.
      expect(unknown).toMatchObject({ received: 5, duplicates: 0, complete: 3, identified: 3, accountMatched: 0, completeness: 0.6, identityMatchRate: 0.6 });
      // n-user sent context.groupId but never a group call: no account.
      expect(unknown.accountMatchRate).toBe(0);
      // 5 events < the default minimum of 100: not judged yet.
      expect(unknown.flags).toEqual([]);
      const judged = (await dataQuality({ minEvents: 5 })).find((s) => s.source === 'segment:unknown')!;
      expect(judged.flags.map((f: { kpi: string; value: number }) => [f.kpi, f.value])).toEqual([
        ['COMPLETENESS', 0.6],
        ['IDENTITY_MATCH', 0.6],
        ['ACCOUNT_MATCH', 0],
      ]);
    });

    it('lists the sources in name order and keeps one row per source and day', async () => {
      expect((await dataQuality()).map((s) => s.source)).toEqual(['segment:healthy-lib', 'segment:leaky-lib', 'segment:unknown']);
      const rows = await findAll(t, SourceQualityDayEntity, { workspaceId: defaultWorkspaceId, source: 'segment:healthy-lib' });
      // 11 requests added to the same row (two, if the suite ran across midnight UTC).
      expect(rows.length).toBe(new Set(rows.map((r) => r.day)).size);
      expect(rows.reduce((sum, r) => sum + r.received, 0)).toBe(201);
    });

    it('answers viewers, scoped to their workspace', async () => {
      const viewerToken = await newUser('viewer', defaultWorkspaceId);
      expect((await dataQuality({}, viewerToken)).map((s) => s.source)).toEqual(['segment:healthy-lib', 'segment:leaky-lib', 'segment:unknown']);

      const writeKey = `wk_${randomUUID()}`;
      const other = await t.app.get(WorkspacesService).create('Other workspace', writeKey);
      await sendBatch('other-lib', [completeTrack('o-user', 'o-acct', `o-${randomUUID()}`)], basicAuth(writeKey));
      const otherViewer = await newUser('viewer', other.id);
      expect(await dataQuality({}, otherViewer)).toEqual([expect.objectContaining({ source: 'segment:other-lib', received: 1, complete: 1, identified: 1, accountMatched: 0 })]);
      expect((await dataQuality()).map((s) => s.source)).not.toContain('segment:other-lib');
    });
  });

  it('measures identity after the whole request, and never revises a past request', async () => {
    // Request 1: an anonymous track, then an identify linking that visitor to a user: both end up identified.
    await sendBatch('stitch-lib', [
      { type: 'track', messageId: 's-1', anonymousId: 's-visitor-1', event: 'Viewed', properties: { a: 1 }, timestamp: now() },
      { type: 'identify', messageId: 's-2', userId: 's-user-1', anonymousId: 's-visitor-1', traits: { plan: 'free' }, timestamp: now() },
    ]);
    // Request 2: an anonymous track; request 3 identifies that visitor. Request 2's call stays unidentified.
    await sendBatch('stitch-lib', [{ type: 'track', messageId: 's-3', anonymousId: 's-visitor-2', event: 'Viewed', properties: { a: 1 }, timestamp: now() }]);
    await sendBatch('stitch-lib', [{ type: 'identify', messageId: 's-4', userId: 's-user-2', anonymousId: 's-visitor-2', traits: { plan: 'free' }, timestamp: now() }]);
    const stitch = (await dataQuality({ minEvents: 1 })).find((s) => s.source === 'segment:stitch-lib')!;
    // identified: s-1, s-2, s-4 = 3 of 4. complete: none (the anonymous tracks lack a userId, the identifies a context.groupId).
    expect(stitch).toMatchObject({ received: 4, stored: 4, identified: 3, complete: 0, accountMatched: 0, identityMatchRate: 0.75 });
  });

  it('counts a request of only duplicates', async () => {
    const item = completeTrack('d-user', 'd-acct', 'd-1');
    await sendBatch('dup-lib', [item]);
    await sendBatch('dup-lib', [item, item]);
    const dup = (await dataQuality()).find((s) => s.source === 'segment:dup-lib')!;
    // 3 received, 1 stored: 2 duplicates; 1/3 < 0.99 but only 3 events.
    expect(dup).toMatchObject({ received: 3, duplicates: 2, stored: 1, duplicateRate: 2 / 3, flags: [] });
  });

  describe('ranges of UTC days', () => {
    beforeAll(async () => {
      // Calls received on past days, stored through the ingest service as a backfilling connector would.
      const ingest = t.app.get(IngestService);
      const store = (receivedAt: string, ids: string[], extra: Item = {}) =>
        ingest.store(
          defaultWorkspaceId,
          validateSegmentBody('batch', { context: { library: { name: 'backfill-lib' } }, batch: ids.map((id) => ({ ...completeTrack('b-user', 'b-acct', id), ...extra })) }, new Date(receivedAt), randomUUID),
        );
      await store('2025-01-05T23:59:59.000Z', ['b-1', 'b-2']);
      await store('2025-01-06T00:00:00.000Z', ['b-3', 'b-4', 'b-5']);
      await store('2025-01-06T12:00:00.000Z', ['b-5', 'b-6'], { userId: undefined, anonymousId: 'b-visitor' }); // b-5 again: a duplicate
    });

    it('sums the days the range touches', async () => {
      const day6 = await dataQuality({ from: '2025-01-06T08:00:00.000Z', to: '2025-01-06T09:00:00.000Z', minEvents: 1 });
      // 2025-01-06: 3 + 2 received, 1 duplicate (b-5); stored b-3, b-4, b-5, b-6; b-6 is anonymous.
      expect(day6).toEqual([
        expect.objectContaining({ source: 'segment:backfill-lib', received: 5, duplicates: 1, stored: 4, complete: 3, identified: 3, lastReceivedAt: '2025-01-06T12:00:00.000Z' }),
      ]);
      const both = await dataQuality({ from: '2025-01-05T00:00:00.000Z', to: '2025-01-06T00:00:00.000Z' });
      expect(both).toEqual([expect.objectContaining({ source: 'segment:backfill-lib', received: 7, duplicates: 1, stored: 6, complete: 5, identified: 5 })]);
      expect(await dataQuality({ from: '2025-01-01T00:00:00.000Z', to: '2025-01-04T23:59:59.999Z' })).toEqual([]);
      // The default range (the last 7 days) does not reach January 2025.
      expect((await dataQuality()).map((s) => s.source)).not.toContain('segment:backfill-lib');
    });

    it('rejects from after to and a minEvents below 1, naming the problem', async () => {
      const reversed = await gql(t.url, DATA_QUALITY, { from: '2025-01-06T00:00:00.000Z', to: '2025-01-05T00:00:00.000Z' }, adminToken);
      expect(reversed.errors![0]).toMatchObject({
        message: 'from (2025-01-06T00:00:00.000Z) must not be after to (2025-01-05T00:00:00.000Z)',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const minEvents = await gql(t.url, DATA_QUALITY, { minEvents: 0 }, adminToken);
      expect(minEvents.errors![0]).toMatchObject({ message: 'minEvents must be an integer of at least 1 (got 0)', extensions: { code: 'BAD_USER_INPUT' } });
    });
  });

  it('requires a signed-in caller', async () => {
    const anonymous = await gql(t.url, DATA_QUALITY, {});
    expect(anonymous.errors![0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
