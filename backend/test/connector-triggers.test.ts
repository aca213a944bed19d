import { EventEntity } from '../src/ingest/event.entity';
import { CrmChangeEntity } from '../src/crm-changes/crm-change.entity';
import { OutboxMessageEntity } from '../src/outbox/outbox-message.entity';
import { SourceQualityDayEntity } from '../src/data-quality/source-quality-day.entity';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { startAppWithConnectors } from './connector-triggers-support/app-with-connectors';
import { testPollerConnector } from './connector-triggers-support/test-poller-connector';
import { findAll, postSegment } from './ingest-support/segment-requests';
import { publishPlaybook } from './ingest-support/publish-playbook';
import { gql, loginAsAdmin } from './support/graphql-client';
import { internalRequest } from './support/internal-api';
import type { TestApp } from './support/test-app';
import { databaseKindsUnderTest } from './support/test-databases';

jest.setTimeout(60_000);

const CREATE = `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`;
const ENABLE = `mutation($c: ID!, $t: String!, $o: JSON) { enableConnectionTrigger(connectionId: $c, trigger: $t, options: $o) {
  connectionId trigger kind enabled options intervalSeconds scheduleId scheduleError checkpointTime lastPollAt itemsDelivered lastError } }`;
const LIST = `query($c: ID) { connectionTriggers(connectionId: $c) { trigger enabled checkpointTime lastPollAt lastDeliveryAt itemsDelivered lastError } }`;

const event = (id: string, at: string, extra: Record<string, unknown> = {}) => ({
  kind: 'event',
  id,
  at,
  call: { type: 'track', messageId: `poller:${id}`, userId: 'u-ada', event: 'Report Exported', timestamp: at, ...extra },
});

describe.each(databaseKindsUnderTest())('connector trigger delivery on %s', (kind) => {
  let t: TestApp;
  let token: string;
  let workspaceId: string;
  let connectionId: string;

  const deliver = (body: Record<string, unknown>) => internalRequest(t, 'POST', '/internal/trigger-items', { workspaceId, connectionId, trigger: 'records', ...body });
  const checkpointOf = () => internalRequest(t, 'GET', `/internal/trigger-checkpoints/${workspaceId}/${connectionId}/records`);
  const eventsOf = async (prefix: string) => (await findAll(t, EventEntity, {})).filter((e) => e.messageId.startsWith(prefix));

  beforeAll(async () => {
    t = await startAppWithConnectors(kind, [testPollerConnector]);
    token = await loginAsAdmin(t.url);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    const created = await gql(t.url, CREATE, { input: { name: 'poller', connector: 'test-poller', config: { baseUrl: 'http://127.0.0.1:9', token: 'vendor-token' } } }, token);
    connectionId = created.data.createConnection.id;
  });
  afterAll(async () => t?.close());

  it('enables a polling trigger with validated options; the schedule waits for Temporal, the subscription is saved', async () => {
    const bad = await gql(t.url, ENABLE, { c: connectionId, t: 'records', o: { pageSize: 0 } }, token);
    expect(bad.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Invalid options for trigger 'test-poller.records': pageSize: /), extensions: { code: 'BAD_USER_INPUT', field: 'options.pageSize' } });
    const unknown = await gql(t.url, ENABLE, { c: connectionId, t: 'nope', o: {} }, token);
    expect(unknown.errors?.[0]?.message).toBe("Connector 'test-poller' has no trigger 'nope' (its triggers: records)");

    const enabled = await gql(t.url, ENABLE, { c: connectionId, t: 'records', o: {} }, token);
    expect(enabled.errors).toBeUndefined();
    expect(enabled.data.enableConnectionTrigger).toMatchObject({
      kind: 'polling',
      enabled: true,
      options: { pageSize: 2 },
      intervalSeconds: 1,
      scheduleId: `tripline-poll:${workspaceId}:${connectionId}:records`,
      // Nothing listens on the test's Temporal address.
      scheduleError: expect.stringMatching(/Temporal could not be reached/),
      checkpointTime: null,
    });
    expect(await checkpointOf()).toEqual({ status: 200, body: { connector: 'test-poller', enabled: true, options: { pageSize: 2 }, checkpoint: null } });
  });

  it('stores events like /v1 (source = the connector) and the checkpoint in one delivery; a replay stores nothing twice', async () => {
    const items = [event('r1', '2025-02-01T10:00:00.000Z'), event('r2', '2025-02-01T10:00:05.000Z'), event('r3', '2025-02-01T10:00:05.000Z')];
    const checkpoint = { time: '2025-02-01T10:00:05.000Z', idsAtTime: ['r2', 'r3'] };
    const first = await deliver({ items, checkpoint });
    expect(first).toEqual({ status: 200, body: { events: { stored: 3, duplicates: 0 }, crmChanges: { stored: 0, duplicates: 0 }, firings: 0, rejected: [], checkpoint } });
    const stored = await eventsOf('poller:r');
    expect(stored.map((e) => [e.messageId, e.event, e.userId]).sort()).toEqual([
      ['poller:r1', 'Report Exported', 'u-ada'],
      ['poller:r2', 'Report Exported', 'u-ada'],
      ['poller:r3', 'Report Exported', 'u-ada'],
    ]);
    expect((await findAll(t, SourceQualityDayEntity, {})).map((d) => d.source)).toContain('test-poller');

    const replay = await deliver({ items, checkpoint });
    expect(replay.body).toMatchObject({ events: { stored: 0, duplicates: 3 }, checkpoint });
    expect(await eventsOf('poller:r')).toHaveLength(3);
    expect((await checkpointOf()).body.checkpoint).toEqual(checkpoint);

    // An older poll delivered late never moves the checkpoint back.
    await deliver({ items: [items[0]], checkpoint: { time: '2025-02-01T10:00:00.000Z', idsAtTime: ['r1'] } });
    expect((await checkpointOf()).body.checkpoint).toEqual(checkpoint);

    const listed = await gql(t.url, LIST, { c: connectionId }, token);
    expect(listed.data.connectionTriggers).toEqual([
      expect.objectContaining({ trigger: 'records', enabled: true, checkpointTime: '2025-02-01T10:00:05.000Z', itemsDelivered: 3, lastError: null, lastPollAt: expect.any(String) }),
    ]);
  });

  it('rejects unreadable items alone, naming them, and keeps the rest', async () => {
    const result = await deliver({
      items: [event('r4', '2025-02-01T11:00:00.000Z'), event('r5', '2025-02-01T11:00:01.000Z', { event: '' }), { kind: 'event', id: 'r6', at: 'later' }],
      checkpoint: { time: '2025-02-01T11:00:01.000Z', idsAtTime: ['r5'] },
    });
    expect(result.status).toBe(200);
    expect(result.body.events).toEqual({ stored: 1, duplicates: 0 });
    expect(result.body.rejected).toEqual([
      { index: 1, id: 'r5', error: 'call.event: must not be empty' },
      { index: 2, id: 'r6', error: expect.stringMatching(/^at: must be an ISO 8601 time|^call: /) },
    ]);
    const listed = await gql(t.url, LIST, { c: connectionId }, token);
    expect(listed.data.connectionTriggers[0].lastError).toMatch(/^2 item\(s\) rejected: item 1 \(r5\): call.event: must not be empty/);
  });

  it('answers 400 for a malformed delivery, 404 for an unknown connection or trigger, 401 without the token', async () => {
    expect((await deliver({ items: 'nope' })).status).toBe(400);
    expect((await deliver({ trigger: 'other', items: [] })).body.message).toBe("Connector 'test-poller' has no trigger 'other'");
    expect((await internalRequest(t, 'POST', '/internal/trigger-items', { workspaceId, connectionId: '00000000-0000-4000-8000-000000000000', trigger: 'records', items: [] })).status).toBe(404);
    expect((await internalRequest(t, 'POST', '/internal/trigger-items', { workspaceId, connectionId, trigger: 'records', items: [] }, null)).status).toBe(401);
  });

  it('matches CRM changes against crmChange triggers, linked by email, and enrolls once however often the change is delivered', async () => {
    const playbook = await publishPlaybook(t, {
      name: 'Win-back on Closed Lost',
      trigger: { kind: 'crmChange', object: 'deal', field: 'stage', to: 'Closed Lost', where: { property: 'event.properties.amount', operator: 'gte', value: 10000 } },
      enrollment: { subject: 'person', reenroll: 'always' },
    });
    expect((await postSegment(t, 'identify', { userId: 'u-grace', traits: { email: 'Grace@Example.test' } })).status).toBe(200);
    const change = (id: string, amount: number, to = 'Closed Lost') => ({
      kind: 'crmChange',
      id,
      at: '2025-02-02T09:00:00.000Z',
      change: { object: 'deal', recordId: `deal-${id}`, changes: { stage: { from: 'Negotiation', to } }, record: { stage: to, amount }, person: { email: 'grace@example.test' } },
    });
    const outboxRows = async () => (await findAll(t, OutboxMessageEntity, {})).filter((row) => row.payload.playbookId === playbook.playbookId);

    const first = await deliver({ items: [change('c1', 25000), change('c2', 500), change('c3', 30000, 'Closed Won')] });
    expect(first.body).toMatchObject({ crmChanges: { stored: 3, duplicates: 0 }, firings: 1 });
    const rows = await outboxRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload.context).toMatchObject({ event: { name: 'deal changed', messageId: 'c1', properties: { stage: 'Closed Lost', amount: 25000 } }, person: { userId: 'u-grace' } });
    expect((await findAll(t, CrmChangeEntity, { changeId: 'c1' }))[0]).toMatchObject({ object: 'deal', recordId: 'deal-c1', personId: rows[0]!.payload.subject.id });

    const replay = await deliver({ items: [change('c1', 25000)] });
    expect(replay.body).toMatchObject({ crmChanges: { stored: 0, duplicates: 1 }, firings: 0 });
    expect(await outboxRows()).toHaveLength(1);
  });
});
