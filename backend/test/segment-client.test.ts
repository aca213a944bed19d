import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Analytics } from '@segment/analytics-node';
import { AccountEntity } from '../src/identity/account.entity';
import { PersonEntity } from '../src/identity/person.entity';
import { EventEntity } from '../src/ingest/event.entity';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp, TEST_WRITE_KEY } from './support/test-app';
import { findAll } from './ingest-support/segment-requests';

interface SentBatch {
  batch: Record<string, unknown>[];
  sentAt: string;
}

/** The official Node client, pointed at `host`, recording the exact bodies it sends and the outcome. */
function segmentClient(host: string) {
  const analytics = new Analytics({ writeKey: TEST_WRITE_KEY, host, path: '/v1/batch', flushAt: 5, flushInterval: 200, maxRetries: 3 });
  const sent: SentBatch[] = [];
  const statuses: number[] = [];
  const failures: unknown[] = [];
  analytics.on('http_request', (request) => sent.push(JSON.parse(request.body)));
  analytics.on('http_response', (response) => statuses.push(response.status));
  analytics.on('error', (error) => failures.push(error));
  return { analytics, sent, statuses, failures };
}

/**
 * A loopback proxy in front of the API that forwards every request but, for the first one, drops the
 * connection after the API has answered: the events are committed, yet the client sees a network
 * error and retries the same messageIds.
 */
async function startResponseDroppingProxy(target: string) {
  let forwarded = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const upstream = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers: { 'content-type': String(req.headers['content-type']), authorization: String(req.headers.authorization) },
        body: Buffer.concat(chunks),
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      forwarded += 1;
      if (forwarded === 1) {
        req.socket.destroy();
        return;
      }
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwarded: () => forwarded,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(databaseKindsUnderTest())('the official @segment/analytics-node client on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('delivers its batches unmodified, and every call is stored', async () => {
    const { analytics, sent, statuses, failures } = segmentClient(t.url);
    analytics.identify({ userId: 'client-user', traits: { email: 'dee@example.test', plan: 'trial' } });
    analytics.group({ userId: 'client-user', groupId: 'client-co', traits: { name: 'Client Co', employees: 80 } });
    analytics.track({ userId: 'client-user', event: 'Report Exported', properties: { format: 'csv', rows: 1200 } });
    analytics.page({ anonymousId: 'client-anon', name: 'Pricing', category: 'Marketing', properties: { path: '/pricing' } });
    analytics.screen({ userId: 'client-user', name: 'Dashboard' });
    analytics.alias({ userId: 'client-user', previousId: 'client-anon' });
    analytics.track({ anonymousId: 'client-anon-2', event: 'Docs Searched', properties: { query: 'sso' }, timestamp: new Date('2025-01-02T03:04:05.000Z') });
    await analytics.closeAndFlush({ timeout: 15_000 });

    expect(failures).toEqual([]);
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const items = sent.flatMap((b) => b.batch);
    expect(items).toHaveLength(7);

    const stored = await findAll(t, EventEntity, {});
    for (const item of items) {
      const event = stored.find((e) => e.messageId === item.messageId);
      expect(event).toBeDefined();
      expect(event!.type).toBe(item.type);
      expect(event!.userId).toBe(item.userId ?? null);
      expect(event!.anonymousId).toBe(item.anonymousId ?? null);
      expect(event!.context).toEqual(item.context);
      expect(event!.originalTimestamp!.toISOString()).toBe(new Date(item.timestamp as string).toISOString());
      if (item.type === 'track') expect({ event: event!.event, properties: event!.properties }).toEqual({ event: item.event, properties: item.properties });
      if (item.type === 'identify' || item.type === 'group') expect(event!.traits).toEqual(item.traits);
      if (item.type === 'group') expect(event!.groupId).toBe(item.groupId);
      if (item.type === 'page' || item.type === 'screen') expect(event!.name).toBe(item.name);
      if (item.type === 'alias') expect(event!.previousId).toBe(item.previousId);
    }
    // The explicit historical timestamp went through clock-skew correction relative to the batch's sentAt.
    const docs = stored.find((e) => e.event === 'Docs Searched')!;
    const batchOfDocs = sent.find((b) => b.batch.some((i) => i.event === 'Docs Searched'))!;
    const skew = new Date(batchOfDocs.sentAt).getTime() - Date.parse('2025-01-02T03:04:05.000Z');
    expect(docs.timestamp.getTime()).toBe(docs.receivedAt.getTime() - skew);

    const [person] = await findAll(t, PersonEntity, { userId: 'client-user' });
    expect(person.traits).toEqual({ email: 'dee@example.test', plan: 'trial' });
    const [account] = await findAll(t, AccountEntity, { groupId: 'client-co' });
    expect(person.accountId).toBe(account.id);
  });

  it('a retry after a lost response stores nothing twice', async () => {
    const proxy = await startResponseDroppingProxy(t.url);
    try {
      const { analytics, sent, statuses, failures } = segmentClient(proxy.url);
      for (let i = 0; i < 5; i++) analytics.track({ userId: 'retry-user', event: 'Retried Event', properties: { i } });
      await analytics.closeAndFlush({ timeout: 20_000 });

      expect(failures).toEqual([]);
      // Two deliveries of the same five calls reached the API; only the second answer reached the client.
      expect(proxy.forwarded()).toBe(2);
      expect(sent).toHaveLength(2);
      expect(statuses).toEqual([200]);
      const ids = (b: SentBatch) => b.batch.map((i) => i.messageId);
      expect(ids(sent[1])).toEqual(ids(sent[0]));

      const stored = await findAll(t, EventEntity, { event: 'Retried Event' });
      expect(stored).toHaveLength(5);
      expect(stored.map((e) => e.messageId).sort()).toEqual([...ids(sent[0])].sort());
    } finally {
      await proxy.close();
    }
  });
});
