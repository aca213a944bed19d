import { randomUUID } from 'node:crypto';
import { ScheduleNotFoundError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { ConnectorTriggersService } from '../src/connector-triggers/connector-triggers.service';
import { EventEntity } from '../src/ingest/event.entity';
import { startAppWithConnectors } from './connector-triggers-support/app-with-connectors';
import { startFlakyApiProxy } from './connector-triggers-support/flaky-api-proxy';
import { startPollingWorker } from './connector-triggers-support/polling-worker';
import { startRecordServer } from './connector-triggers-support/record-server';
import { testPollerConnector } from './connector-triggers-support/test-poller-connector';
import { findAll } from './ingest-support/segment-requests';
import { freePort, startTemporalDevServer } from './ingest-support/temporal-dev-server';
import { waitFor } from './ingest-support/wait-for';
import { installQuietRuntime } from './run-operations-support/api-worker';
import { gql, loginAsAdmin } from './support/graphql-client';
import { internalRequest } from './support/internal-api';
import type { TestApp } from './support/test-app';

jest.setTimeout(180_000);

const VENDOR_TOKEN = 'vendor-token-123';
const CREATE = `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`;
const ENABLE = `mutation($c: ID!) { enableConnectionTrigger(connectionId: $c, trigger: "records") { scheduleId scheduleError } }`;
const DISABLE = `mutation($c: ID!) { disableConnectionTrigger(connectionId: $c, trigger: "records") { enabled scheduleError } }`;
const BACKFILL = `mutation($c: ID!, $from: DateTime!, $to: DateTime!) { backfillConnectionTrigger(connectionId: $c, trigger: "records", from: $from, to: $to) { workflowId } }`;
const LIST = `query($c: ID) { connectionTriggers(connectionId: $c) { lastPollAt lastError itemsDelivered checkpointTime } }`;

/** Polling on a real Temporal dev server: Schedule → pollConnectorTrigger → the connector's queue → /internal/trigger-items. */
describe('connector trigger polling on a real Temporal dev server (sqlite)', () => {
  let env: TestWorkflowEnvironment;
  let t: TestApp;
  let vendor: Awaited<ReturnType<typeof startRecordServer>>;
  let proxy: Awaited<ReturnType<typeof startFlakyApiProxy>>;
  let worker: { stop(): Promise<void> };
  let token: string;
  let workspaceId: string;
  let connectionId: string;
  const taskQueue = `polling-${randomUUID()}`;

  const storedIds = async () => (await findAll(t, EventEntity, {})).filter((e) => e.messageId.startsWith('poller:')).map((e) => e.messageId.slice('poller:'.length)).sort();
  const checkpoint = async () => (await internalRequest(t, 'GET', `/internal/trigger-checkpoints/${workspaceId}/${connectionId}/records`)).body.checkpoint;
  const scheduleHandle = () => env.client.schedule.getHandle(`tripline-poll:${workspaceId}:${connectionId}:records`);
  const record = (id: string, at: string) => ({ id, at, userId: 'u-poll', event: 'Dashboard Viewed' });

  beforeAll(async () => {
    installQuietRuntime();
    const port = await freePort();
    env = await startTemporalDevServer(port);
    vendor = await startRecordServer(VENDOR_TOKEN);
    t = await startAppWithConnectors('sqlite', [testPollerConnector], { TEMPORAL_ADDRESS: `127.0.0.1:${port}`, TRIPLINE_TASK_QUEUE: taskQueue });
    proxy = await startFlakyApiProxy(t.url);
    worker = await startPollingWorker(env, proxy.url, taskQueue, [testPollerConnector]);
    token = await loginAsAdmin(t.url);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    connectionId = (await gql(t.url, CREATE, { input: { name: 'vendor', connector: 'test-poller', config: { baseUrl: vendor.url, token: VENDOR_TOKEN } } }, token)).data.createConnection.id;
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await proxy?.close();
    await vendor?.close();
    await env?.teardown();
  });

  it('polls on a Schedule, in pages, through a worker dying mid-delivery twice: every record once, none at equal timestamps lost', async () => {
    vendor.records.push(
      record('a', '2025-04-01T10:00:00.000Z'),
      record('b', '2025-04-01T10:00:01.000Z'),
      record('c', '2025-04-01T10:00:01.000Z'),
      record('d', '2025-04-01T10:00:01.000Z'),
      record('e', '2025-04-01T10:00:02.000Z'),
    );
    // The first delivery lands but its answer is lost; the retry's delivery is lost before landing.
    proxy.failNextDeliveries('deliverThenDrop', 'dropBeforeDelivery');
    const enabled = await gql(t.url, ENABLE, { c: connectionId }, token);
    expect(enabled.data.enableConnectionTrigger).toEqual({ scheduleId: `tripline-poll:${workspaceId}:${connectionId}:records`, scheduleError: null });

    const description = await scheduleHandle().describe();
    expect(description.policies.overlap).toBe('SKIP');
    expect(description.spec.intervals?.[0]?.every).toBe(1000);
    expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'pollConnectorTrigger', taskQueue });

    await waitFor('the five records', async () => (await storedIds()).length >= 5 && (await checkpoint())?.time === '2025-04-01T10:00:02.000Z', 60_000);
    expect(await storedIds()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(proxy.seen.filter((s) => s.fault !== null).map((s) => s.fault)).toEqual(['deliverThenDrop', 'dropBeforeDelivery']);

    // Late arrivals, one at exactly the checkpoint's time: picked up by the next scheduled polls.
    vendor.records.push(record('f', '2025-04-01T10:00:02.000Z'), record('g', '2025-04-01T10:00:03.000Z'));
    await waitFor('the late records', async () => (await storedIds()).length >= 7, 30_000);
    expect(await storedIds()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(await checkpoint()).toEqual({ time: '2025-04-01T10:00:03.000Z', idsAtTime: ['g'] });
    const listed = (await gql(t.url, LIST, { c: connectionId }, token)).data.connectionTriggers[0];
    expect(listed).toMatchObject({ lastError: null, itemsDelivered: 7, checkpointTime: '2025-04-01T10:00:03.000Z', lastPollAt: expect.any(String) });
  });

  it('backfills a past range once, without moving the checkpoint', async () => {
    // Behind the checkpoint: regular polls never see it.
    vendor.records.push(record('old', '2025-03-15T08:00:00.000Z'));
    const before = await checkpoint();
    const started = await gql(t.url, BACKFILL, { c: connectionId, from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T10:00:01.000Z' }, token);
    expect(started.errors).toBeUndefined();
    const { workflowId } = started.data.backfillConnectionTrigger;
    expect(workflowId).toBe(`tripline-backfill:${workspaceId}:${connectionId}:records:2025-03-01T00:00:00.000Z:2025-04-01T10:00:01.000Z`);
    const summary = await env.client.workflow.getHandle(workflowId).result();
    // old, a, b, c, d: only "old" is new.
    expect(summary).toMatchObject({ items: 5, stored: 1 });
    expect(await storedIds()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'old']);
    expect(await checkpoint()).toEqual(before);
  });

  it('records a failing poll as the last error, re-creates a missing schedule, and removes it when disabled', async () => {
    await gql(t.url, `mutation($id: ID!, $input: UpdateConnectionInput!) { updateConnection(id: $id, input: $input) { id } }`, { id: connectionId, input: { config: { baseUrl: vendor.url, token: 'revoked' } } }, token);
    await waitFor('the auth error', async () => (await gql(t.url, LIST, { c: connectionId }, token)).data.connectionTriggers[0].lastError?.includes('The vendor refused the token'), 30_000);

    await scheduleHandle().delete();
    expect(await t.app.get(ConnectorTriggersService).reconcileSchedules()).toBe(1);
    expect((await scheduleHandle().describe()).action).toMatchObject({ workflowType: 'pollConnectorTrigger' });

    expect((await gql(t.url, DISABLE, { c: connectionId }, token)).data.disableConnectionTrigger).toEqual({ enabled: false, scheduleError: null });
    await expect(scheduleHandle().describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect(await t.app.get(ConnectorTriggersService).reconcileSchedules()).toBe(0);
  });
});
