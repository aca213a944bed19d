import { createHmac } from 'node:crypto';
import { EventEntity } from '../src/ingest/event.entity';
import { OutboxMessageEntity } from '../src/outbox/outbox-message.entity';
import { findAll } from './ingest-support/segment-requests';
import { publishPlaybook } from './ingest-support/publish-playbook';
import { gql, loginAsAdmin } from './support/graphql-client';
import { startTestApp, type TestApp } from './support/test-app';
import { databaseKindsUnderTest } from './support/test-databases';

jest.setTimeout(60_000);

const SECRET = 'segment-destination-secret';
const CREATE = `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`;
const ENABLE = `mutation($c: ID!) { enableConnectionTrigger(connectionId: $c, trigger: "webhookDestination") { kind webhookPath enabled } }`;
const DISABLE = `mutation($c: ID!) { disableConnectionTrigger(connectionId: $c, trigger: "webhookDestination") { enabled } }`;

// Signed as Segment documents it (hex HMAC-SHA1 of the raw body), independently of the connector's code.
const sign = (body: Buffer | string, secret = SECRET) => createHmac('sha1', secret).update(body).digest('hex');

describe.each(databaseKindsUnderTest())('webhook triggers on %s (Segment webhook destination)', (kind) => {
  let t: TestApp;
  let token: string;
  let connectionId: string;

  const post = async (path: string, body: Buffer | string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const postSigned = (body: string, signature = sign(body)) => post(`/v1/webhooks/${connectionId}/webhookDestination`, body, { 'x-signature': signature });

  const call = {
    type: 'track',
    messageId: 'seg-webhook-1',
    userId: 'u-lin',
    event: 'Workspace Upgraded',
    properties: { plan: 'team', seats: 12 },
    context: { library: { name: 'analytics.js', version: '2.1.0' } },
    timestamp: '2025-03-01T08:00:00.000Z',
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    token = await loginAsAdmin(t.url);
    connectionId = (await gql(t.url, CREATE, { input: { name: 'segment-destination', connector: 'segment', config: { sharedSecret: SECRET } } }, token)).data.createConnection.id;
  });
  afterAll(async () => t?.close());

  it('ingests a signed call once, even when Segment delivers it again, and triggers treat it like any event', async () => {
    const playbook = await publishPlaybook(t, { name: 'Upgrade follow-up', trigger: { kind: 'event', event: 'Workspace Upgraded' }, enrollment: { subject: 'person', reenroll: 'never' } });
    const body = JSON.stringify(call);
    const first = await postSigned(body);
    expect(first).toEqual({ status: 200, body: expect.objectContaining({ success: true, events: { stored: 1, duplicates: 0 }, firings: 1, rejected: [] }) });
    const replay = await postSigned(body);
    expect(replay.body).toMatchObject({ success: true, events: { stored: 0, duplicates: 1 }, firings: 0 });

    const events = await findAll(t, EventEntity, { messageId: 'seg-webhook-1' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'track', event: 'Workspace Upgraded', userId: 'u-lin', properties: { plan: 'team', seats: 12 } });
    expect((await findAll(t, OutboxMessageEntity, {})).filter((row) => row.payload.playbookId === playbook.playbookId)).toHaveLength(1);
  });

  it('answers 401 naming the problem for a tampered byte, another secret or no signature, and stores nothing', async () => {
    const body = JSON.stringify({ ...call, messageId: 'seg-webhook-2' });
    const tampered = body.replace('"seats":12', '"seats":99');
    const refused = await postSigned(tampered, sign(body));
    expect(refused).toEqual({ status: 401, body: { success: false, error: "Signature check failed: X-Signature does not match the body (HMAC-SHA1 with this connection's shared secret)" } });
    expect((await postSigned(body, sign(body, 'not-the-secret'))).status).toBe(401);
    const unsigned = await post(`/v1/webhooks/${connectionId}/webhookDestination`, body);
    expect(unsigned.body.error).toMatch(/Missing X-Signature header/);
    expect(await findAll(t, EventEntity, { messageId: 'seg-webhook-2' })).toEqual([]);
  });

  it('answers 404 for an unknown connection or trigger, 400 for a body that is not Segment calls, 413 over 1 MB', async () => {
    expect((await post('/v1/webhooks/00000000-0000-4000-8000-000000000000/webhookDestination', '{}')).status).toBe(404);
    expect((await post('/v1/webhooks/not-a-uuid/webhookDestination', '{}')).body.error).toMatch(/Unknown connection/);
    expect((await post(`/v1/webhooks/${connectionId}/somethingElse`, '{}')).body.error).toBe(`Connection ${connectionId} (segment) has no webhook trigger 'somethingElse'`);
    const notJson = 'not json';
    expect(await postSigned(notJson)).toEqual({ status: 400, body: { success: false, error: expect.stringMatching(/^The Segment webhook body is not JSON/) } });
    const huge = JSON.stringify({ ...call, messageId: 'seg-huge', properties: { blob: 'x'.repeat(1024 * 1024) } });
    const tooLarge = await postSigned(huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toMatch(/exceeds the 1 MB limit/);
  });

  it('shows the webhook path when enabled, and refuses calls while the trigger is disabled', async () => {
    expect((await gql(t.url, ENABLE, { c: connectionId }, token)).data.enableConnectionTrigger).toEqual({ kind: 'webhook', webhookPath: `/v1/webhooks/${connectionId}/webhookDestination`, enabled: true });
    const body = JSON.stringify({ ...call, messageId: 'seg-webhook-3' });
    expect((await postSigned(body)).status).toBe(200);
    await gql(t.url, DISABLE, { c: connectionId }, token);
    const refused = await postSigned(JSON.stringify({ ...call, messageId: 'seg-webhook-4' }));
    expect(refused).toEqual({ status: 404, body: { success: false, error: `Trigger 'webhookDestination' is disabled on connection ${connectionId}` } });
  });
});
