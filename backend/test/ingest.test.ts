import { EventEntity } from '../src/ingest/event.entity';
import { AccountEntity } from '../src/identity/account.entity';
import { PersonEntity } from '../src/identity/person.entity';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp, TEST_WRITE_KEY } from './support/test-app';
import { basicAuth, findAll, messageId, postSegment } from './ingest-support/segment-requests';

describe.each(databaseKindsUnderTest())('Segment-compatible ingest on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  const eventsOf = (where: Partial<EventEntity>) => findAll(t, EventEntity, where);

  it('stores a track call authenticated with HTTP Basic and answers { success: true }', async () => {
    const id = messageId('track');
    const res = await postSegment(t, 'track', {
      userId: 'user-track',
      event: 'Item Purchased',
      properties: { name: 'Leap to Conclusions Mat', revenue: 14.99 },
      context: { ip: '24.5.68.47' },
      integrations: { All: false },
      messageId: id,
    });
    expect(res).toEqual({ status: 200, body: { success: true } });
    const [event] = await eventsOf({ messageId: id });
    expect(event).toMatchObject({
      type: 'track',
      event: 'Item Purchased',
      userId: 'user-track',
      anonymousId: null,
      properties: { name: 'Leap to Conclusions Mat', revenue: 14.99 },
      context: { ip: '24.5.68.47' },
    });
    expect(event.personId).toEqual(expect.any(String));
    const [person] = await findAll(t, PersonEntity, { id: event.personId! });
    expect(person.userId).toBe('user-track');
  });

  it('stores identify, group, page, screen and alias calls with their fields', async () => {
    const ids = { identify: messageId(), group: messageId(), page: messageId(), screen: messageId(), alias: messageId() };
    const calls: [string, Record<string, unknown>][] = [
      ['identify', { userId: 'u-calls', traits: { email: 'peter@initech.test', name: 'Peter' }, messageId: ids.identify }],
      ['group', { userId: 'u-calls', groupId: 'initech', traits: { name: 'Initech', employees: 420 }, messageId: ids.group }],
      ['page', { userId: 'u-calls', name: 'Pricing', category: 'Marketing', properties: { path: '/pricing' }, messageId: ids.page }],
      ['screen', { anonymousId: 'anon-calls', name: 'Home', properties: { variant: 'b' }, messageId: ids.screen }],
      ['alias', { userId: 'u-calls', previousId: 'anon-calls', messageId: ids.alias }],
    ];
    for (const [path, body] of calls) expect(await postSegment(t, path, body)).toEqual({ status: 200, body: { success: true } });

    expect((await eventsOf({ messageId: ids.identify }))[0]).toMatchObject({ type: 'identify', traits: { email: 'peter@initech.test', name: 'Peter' } });
    expect((await eventsOf({ messageId: ids.group }))[0]).toMatchObject({ type: 'group', groupId: 'initech', traits: { name: 'Initech', employees: 420 } });
    expect((await eventsOf({ messageId: ids.page }))[0]).toMatchObject({ type: 'page', name: 'Pricing', category: 'Marketing', properties: { path: '/pricing' } });
    expect((await eventsOf({ messageId: ids.screen }))[0]).toMatchObject({ type: 'screen', name: 'Home', anonymousId: 'anon-calls' });
    expect((await eventsOf({ messageId: ids.alias }))[0]).toMatchObject({ type: 'alias', userId: 'u-calls', previousId: 'anon-calls' });

    const [person] = await findAll(t, PersonEntity, { userId: 'u-calls' });
    expect(person.traits).toEqual({ email: 'peter@initech.test', name: 'Peter' });
    const [account] = await findAll(t, AccountEntity, { groupId: 'initech' });
    expect(account.traits).toEqual({ name: 'Initech', employees: 420 });
    expect(person.accountId).toBe(account.id);
    // alias stitched the anonymous screen viewer to the user: every event is the same person now.
    expect((await eventsOf({ messageId: ids.screen }))[0].personId).toBe(person.id);
  });

  it('stores a batch with writeKey in the body, merging the batch context into each call', async () => {
    const [a, b] = [messageId(), messageId()];
    const res = await postSegment(
      t,
      'batch',
      {
        writeKey: TEST_WRITE_KEY,
        context: { library: { name: 'curl' } },
        batch: [
          { type: 'identify', userId: 'u-batch', traits: { plan: 'pro' }, messageId: a },
          { type: 'track', userId: 'u-batch', event: 'Song Played', properties: { artist: 'X' }, context: { ip: '1.1.1.1' }, messageId: b },
        ],
      },
      { authorization: null },
    );
    expect(res).toEqual({ status: 200, body: { success: true } });
    expect((await eventsOf({ messageId: b }))[0]).toMatchObject({ event: 'Song Played', context: { library: { name: 'curl' }, ip: '1.1.1.1' } });
    expect(await eventsOf({ messageId: a })).toHaveLength(1);
  });

  it('accepts text/plain bodies (as some clients send) or none, and generates missing messageIds', async () => {
    const res = await postSegment(t, 'track', { anonymousId: 'anon-plain', event: 'Plain Text' }, { contentType: 'text/plain' });
    expect(res.status).toBe(200);
    const [event] = await eventsOf({ event: 'Plain Text' });
    expect(event.messageId).toMatch(/^[0-9a-f-]{36}$/);

    // No Content-Type at all: still read as JSON.
    const bare = await fetch(`${t.url}/v1/track`, {
      method: 'POST',
      headers: { authorization: basicAuth() },
      body: new TextEncoder().encode(JSON.stringify({ anonymousId: 'anon-plain', event: 'No Content Type' })),
    });
    expect(bare.status).toBe(200);
    expect(await eventsOf({ event: 'No Content Type' })).toHaveLength(1);
  });

  it('answers 401 and stores nothing without a write key or with an unknown one', async () => {
    const missing = await postSegment(t, 'track', { userId: 'u-401', event: 'Unauthorized' }, { authorization: null });
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatch(/Missing write key/);
    const unknownHeader = await postSegment(t, 'track', { userId: 'u-401', event: 'Unauthorized' }, { authorization: basicAuth('wk_not_a_key_123') });
    expect(unknownHeader).toMatchObject({ status: 401, body: { error: 'Unknown write key' } });
    const unknownBody = await postSegment(t, 'batch', { writeKey: 'nope-nope', batch: [{ type: 'track', userId: 'u-401', event: 'Unauthorized' }] }, { authorization: null });
    expect(unknownBody.status).toBe(401);
    expect(await eventsOf({ event: 'Unauthorized' })).toEqual([]);
    expect(await findAll(t, PersonEntity, { userId: 'u-401' })).toEqual([]);
  });

  it('rejects a call over 32 KB and a batch over 500 KB with 400 naming the limit', async () => {
    const big = { userId: 'u-big', event: 'Too Big', properties: { blob: 'x'.repeat(40 * 1024) } };
    const event = await postSegment(t, 'track', big);
    expect(event.status).toBe(400);
    expect(event.body).toMatchObject({ limit: '32 KB' });
    expect(event.body.error).toMatch(/^Event exceeds 32 KB limit \(\d+ bytes\)$/);

    const item = await postSegment(t, 'batch', { batch: [{ type: 'track', ...big }] });
    expect(item.status).toBe(400);
    expect(item.body).toMatchObject({ limit: '32 KB', index: 0 });

    const batch = Array.from({ length: 20 }, () => ({ type: 'track', userId: 'u-big', event: 'Too Big', properties: { blob: 'y'.repeat(30 * 1024) } }));
    const tooMany = await postSegment(t, 'batch', { batch });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatch(/^Batch exceeds 500 KB limit \(\d+ bytes\)$/);

    // Past the server's hard body limit (4 MB) the answer is still Segment's 400, not a 413.
    const huge = await postSegment(t, 'batch', `{"batch":[],"pad":"${'z'.repeat(5 * 1024 * 1024)}"}`);
    expect(huge.status).toBe(400);
    expect(huge.body.error).toMatch(/500 KB limit/);
    expect(await eventsOf({ event: 'Too Big' })).toEqual([]);
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await postSegment(t, 'track', '{"userId": "u", "event": ');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^Malformed JSON/);
  });

  it('rejects a call without userId or anonymousId, naming the field; a bad batch item rejects the whole batch', async () => {
    const single = await postSegment(t, 'page', { name: 'Nobody' });
    expect(single).toMatchObject({ status: 400, body: { field: 'userId' } });
    expect(single.body.error).toMatch(/userId or an anonymousId/);

    const good = messageId('all-or-nothing');
    const batch = await postSegment(t, 'batch', {
      batch: [
        { type: 'track', userId: 'u-aon', event: 'Fine', messageId: good },
        { type: 'track', userId: 'u-aon', event: 'Fine' },
        { type: 'track', userId: 'u-aon', event: 'Fine' },
        { type: 'track', event: 'No Id' },
      ],
    });
    expect(batch).toMatchObject({ status: 400, body: { field: 'batch[3].userId', index: 3 } });
    expect(batch.body.error).toMatch(/^batch\[3\]\.userId: /);
    expect(await eventsOf({ messageId: good })).toEqual([]);
  });

  it('rejects wrong types with 400 naming the field', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['track', { userId: 'u', event: 42 }, 'event'],
      ['track', { userId: 'u', event: 'E', properties: 'not an object' }, 'properties'],
      ['identify', { userId: ['u'] }, 'userId'],
      ['group', { userId: 'u', groupId: 'g', traits: [1] }, 'traits'],
      ['track', { userId: 'u', event: 'E', timestamp: 'not a date' }, 'timestamp'],
      ['alias', { userId: 'u' }, 'previousId'],
    ];
    for (const [path, body, field] of cases) {
      const res = await postSegment(t, path, body);
      expect({ path, status: res.status, field: res.body.field }).toEqual({ path, status: 400, field });
      expect(String(res.body.error)).toContain(field);
    }
    const batch = await postSegment(t, 'batch', { batch: [{ type: 'identify', userId: 'u', traits: 'x' }] });
    expect(batch.body).toMatchObject({ field: 'batch[0].traits' });
  });

  it('stores a messageId once, within a batch and across retries', async () => {
    const id = messageId('dup');
    const body = { batch: [{ type: 'track', userId: 'u-dup', event: 'Dup', messageId: id }, { type: 'track', userId: 'u-dup', event: 'Dup', messageId: id }] };
    expect((await postSegment(t, 'batch', body)).status).toBe(200);
    expect(await postSegment(t, 'track', { userId: 'u-dup', event: 'Dup', messageId: id })).toEqual({ status: 200, body: { success: true } });
    expect(await eventsOf({ messageId: id })).toHaveLength(1);
  });

  it("corrects the client's clock skew from sentAt and keeps the original timestamp", async () => {
    const id = messageId('skew');
    // The client's clock runs two hours ahead; it sent the batch 3 s after the event.
    const clientNow = Date.now() + 2 * 60 * 60 * 1000;
    const before = Date.now();
    const res = await postSegment(t, 'batch', {
      sentAt: new Date(clientNow).toISOString(),
      batch: [{ type: 'track', userId: 'u-skew', event: 'Skewed', messageId: id, timestamp: new Date(clientNow - 3000).toISOString() }],
    });
    const after = Date.now();
    expect(res.status).toBe(200);
    const [event] = await eventsOf({ messageId: id });
    expect(event.originalTimestamp!.getTime()).toBe(clientNow - 3000);
    expect(event.sentAt!.getTime()).toBe(clientNow);
    expect(event.receivedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(event.receivedAt.getTime()).toBeLessThanOrEqual(after);
    expect(event.timestamp.getTime()).toBe(event.receivedAt.getTime() - 3000);
  });
});
