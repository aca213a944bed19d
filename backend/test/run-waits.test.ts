import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { emailConnector } from '@tripline/connector-email';
import { createRegistry } from '@tripline/connector-sdk';
import { EVENT_RECEIVED_SIGNAL, type OpenRunWaitRequest, type Playbook } from '@tripline/playbook';
// The real worker, from source: the end-to-end test below runs it in this process against this API.
import { createActivities } from '../../workflow-workers/src/activities/create-activities';
import { createPlaybookWorker } from '../../workflow-workers/src/worker';
import { HttpWorkerApi } from '../../workflow-workers/src/worker-api/http-worker-api';
import { RunStepEntity } from '../src/runs/run-step.entity';
import { RunEntity } from '../src/runs/run.entity';
import { PersonEntity } from '../src/identity/person.entity';
import { AccountEntity } from '../src/identity/account.entity';
import { OutboxMessageEntity } from '../src/outbox/outbox-message.entity';
import { addSignalRuns, type SignalRunPayload } from '../src/outbox/signal-run-payload';
import { Transactions } from '../src/database/transactions';
import { RunWaitEntity } from '../src/run-waits/run-wait.entity';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { findAll, messageId, postSegment } from './ingest-support/segment-requests';
import { freePort, startTemporalDevServer } from './ingest-support/temporal-dev-server';
import { waitFor } from './ingest-support/wait-for';
import { gql, loginAsAdmin } from './support/graphql-client';
import { internalRequest } from './support/internal-api';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp, TEST_INTERNAL_TOKEN, TEST_WRITE_KEY } from './support/test-app';

jest.setTimeout(180_000);

const HOUR_MS = 60 * 60 * 1000;

describe.each(databaseKindsUnderTest())('run waits: registration and ingest matching on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;

  beforeAll(async () => {
    // Temporal is unreachable here: signal rows stay pending, which is what these tests read.
    t = await startTestApp(kind);
    workspaceId = (await t.app.get(WorkspacesService).findByWriteKey(TEST_WRITE_KEY))!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A known person (and optionally account), as ingest creates them. */
  async function person(userId: string, groupId?: string) {
    expect((await postSegment(t, 'identify', { userId, traits: { email: `${userId}@example.test` } })).status).toBe(200);
    if (groupId) expect((await postSegment(t, 'group', { userId, groupId, traits: { name: groupId } })).status).toBe(200);
    const [found] = await findAll(t, PersonEntity, { workspaceId, userId });
    const account = groupId ? (await findAll(t, AccountEntity, { workspaceId, groupId }))[0] : undefined;
    return { id: found!.id, accountId: account?.id };
  }

  function waitRequest(subject: OpenRunWaitRequest['subject'], overrides: Partial<OpenRunWaitRequest> = {}): OpenRunWaitRequest {
    const openedAt = new Date(Date.now() - 1000);
    return {
      workspaceId,
      workflowId: `tripline:${workspaceId}:${randomUUID()}`,
      stepId: 'await-upgrade',
      visit: 1,
      temporalRunId: randomUUID(),
      runId: randomUUID(),
      subject,
      event: { name: 'Plan Upgraded', where: { property: 'event.properties.plan', operator: 'eq', value: 'pro' } },
      openedAt: openedAt.toISOString(),
      expiresAt: new Date(openedAt.getTime() + 48 * HOUR_MS).toISOString(),
      ...overrides,
    };
  }

  async function open(request: OpenRunWaitRequest) {
    const response = await internalRequest(t, 'POST', '/internal/run-waits', request);
    expect(response.status).toBe(200);
    return response.body;
  }

  const signalsFor = async (workflowId: string) =>
    (await findAll(t, OutboxMessageEntity, { workspaceId, kind: 'signalRun' })).filter((row) => (row.payload as SignalRunPayload).workflowId === workflowId);
  const waitRow = async (request: OpenRunWaitRequest) =>
    (await findAll(t, RunWaitEntity, { workspaceId, workflowId: request.workflowId, stepId: request.stepId, visit: request.visit }))[0]!;
  const track = (userId: string, event: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    postSegment(t, 'track', { userId, event, properties, messageId: messageId('wait'), ...extra });

  it('writes a signal row in the ingest transaction for an event that satisfies an open wait, and only one', async () => {
    const ada = await person('wait-ada');
    const request = waitRequest({ kind: 'person', id: ada.id });
    expect(await open(request)).toEqual({ status: 'open' });
    expect(await waitRow(request)).toMatchObject({ status: 'open', subjectKind: 'person', subjectId: ada.id, eventName: 'Plan Upgraded', messageId: null });

    const upgrade = messageId('upgrade');
    expect((await track('wait-ada', 'Plan Upgraded', { plan: 'pro' }, { messageId: upgrade })).status).toBe(200);
    const [row, ...more] = await signalsFor(request.workflowId);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ kind: 'signalRun', status: 'pending' });
    expect(row!.payload).toEqual({
      workspaceId,
      workflowId: request.workflowId,
      runId: request.runId,
      waitId: (await waitRow(request)).id,
      signal: EVENT_RECEIVED_SIGNAL,
      input: { stepId: 'await-upgrade', visit: 1, event: { messageId: upgrade, name: 'Plan Upgraded', timestamp: expect.any(String), properties: { plan: 'pro' } } },
    });
    expect(await waitRow(request)).toMatchObject({ status: 'matched', messageId: upgrade });

    // A second satisfying event, and a retry of the first: no second signal.
    await track('wait-ada', 'Plan Upgraded', { plan: 'pro' });
    expect((await track('wait-ada', 'Plan Upgraded', { plan: 'pro' }, { messageId: upgrade })).status).toBe(200);
    expect(await signalsFor(request.workflowId)).toHaveLength(1);
  });

  it('does not signal for a filter that does not hold, another event, another subject, or an event from before the wait', async () => {
    const bob = await person('wait-bob');
    await person('wait-carol');
    const request = waitRequest({ kind: 'person', id: bob.id });
    await open(request);

    await track('wait-bob', 'Plan Upgraded', { plan: 'basic' });
    await track('wait-bob', 'Plan Downgraded', { plan: 'pro' });
    await track('wait-carol', 'Plan Upgraded', { plan: 'pro' });
    // Sent now, but it happened an hour before the step started.
    await track('wait-bob', 'Plan Upgraded', { plan: 'pro' }, { timestamp: new Date(Date.parse(request.openedAt) - HOUR_MS).toISOString() });
    expect(await signalsFor(request.workflowId)).toEqual([]);
    expect(await waitRow(request)).toMatchObject({ status: 'open' });
  });

  it('ignores closed and expired waits', async () => {
    const dan = await person('wait-dan');
    const closed = waitRequest({ kind: 'person', id: dan.id });
    await open(closed);
    const closing = await internalRequest(t, 'POST', '/internal/run-waits/close', { ...pick(closed), outcome: 'timedOut' });
    expect(closing).toEqual({ status: 200, body: { closed: true } });
    expect(await waitRow(closed)).toMatchObject({ status: 'timedOut', closedAt: expect.any(Date) });

    const openedAt = new Date(Date.now() - 2 * HOUR_MS);
    const expired = waitRequest({ kind: 'person', id: dan.id }, { openedAt: openedAt.toISOString(), expiresAt: new Date(openedAt.getTime() + HOUR_MS).toISOString() });
    expect(await open(expired)).toEqual({ status: 'open' });

    await track('wait-dan', 'Plan Upgraded', { plan: 'pro' });
    expect(await signalsFor(closed.workflowId)).toEqual([]);
    expect(await signalsFor(expired.workflowId)).toEqual([]);
  });

  it('matches an account wait on an event of any member of the account', async () => {
    const erin = await person('wait-erin', 'wait-acme');
    await person('wait-frank', 'wait-acme');
    const request = waitRequest({ kind: 'account', id: erin.accountId! }, { event: { name: 'Seat Added' } });
    await open(request);
    await track('wait-erin', 'Plan Upgraded', { plan: 'pro' });
    expect(await signalsFor(request.workflowId)).toEqual([]);
    const seat = messageId('seat');
    await track('wait-frank', 'Seat Added', { seats: 12 }, { messageId: seat });
    const [row] = await signalsFor(request.workflowId);
    expect((row!.payload as SignalRunPayload).input.event).toMatchObject({ messageId: seat, name: 'Seat Added', properties: { seats: 12 } });
  });

  it('answers "received" at registration when a satisfying event was stored after the step started', async () => {
    const gus = await person('wait-gus');
    const request = waitRequest({ kind: 'person', id: gus.id }, { openedAt: new Date(Date.now() - 60_000).toISOString() });
    await track('wait-gus', 'Plan Upgraded', { plan: 'pro' }, { timestamp: new Date(Date.now() - 2 * 60_000).toISOString() }); // before the step
    await track('wait-gus', 'Plan Upgraded', { plan: 'basic' });
    const stored = messageId('stored');
    await track('wait-gus', 'Plan Upgraded', { plan: 'pro' }, { messageId: stored });

    const answer = await open(request);
    expect(answer).toEqual({ status: 'received', event: { messageId: stored, name: 'Plan Upgraded', timestamp: expect.any(String), properties: { plan: 'pro' } } });
    expect(await waitRow(request)).toMatchObject({ status: 'matched', messageId: stored });
    // A retried registration gets the same answer; ingest sends no signal for it.
    expect(await open(request)).toEqual(answer);
    await track('wait-gus', 'Plan Upgraded', { plan: 'pro' });
    expect(await signalsFor(request.workflowId)).toEqual([]);
  });

  it('is idempotent per workflow, step and visit, and reopens for a new execution (a reset)', async () => {
    const hal = await person('wait-hal');
    const request = waitRequest({ kind: 'person', id: hal.id });
    await open(request);
    await open(request);
    expect(await findAll(t, RunWaitEntity, { workspaceId, workflowId: request.workflowId })).toHaveLength(1);

    // A stale execution cannot close it; the registering one can.
    expect((await internalRequest(t, 'POST', '/internal/run-waits/close', { ...pick(request), temporalRunId: 'other', outcome: 'cancelled' })).body).toEqual({ closed: false });
    expect((await internalRequest(t, 'POST', '/internal/run-waits/close', { ...pick(request), outcome: 'cancelled' })).body).toEqual({ closed: true });
    // Reset: the workflow re-runs the step in a new execution, and the wait is open again.
    const reset = { ...request, temporalRunId: randomUUID() };
    expect(await open(reset)).toEqual({ status: 'open' });
    expect(await findAll(t, RunWaitEntity, { workspaceId, workflowId: request.workflowId })).toEqual([expect.objectContaining({ status: 'open', temporalRunId: reset.temporalRunId })]);
    // Closing a wait that was never registered changes nothing.
    expect((await internalRequest(t, 'POST', '/internal/run-waits/close', { ...pick(request), visit: 9, outcome: 'cancelled' })).body).toEqual({ closed: false });
  });

  it('refuses bad bodies with the field named, and callers without the internal token', async () => {
    const bad = await internalRequest(t, 'POST', '/internal/run-waits', { ...waitRequest({ kind: 'team' as never, id: 'x' }), visit: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^Invalid run wait: .*visit/);
    expect(bad.body.message).toMatch(/subject\.kind/);
    const backwards = await internalRequest(t, 'POST', '/internal/run-waits', waitRequest({ kind: 'person', id: 'p' }, { expiresAt: '2020-01-01T00:00:00.000Z' }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.message).toMatch(/expiresAt: must be after openedAt/);
    const badFilter = await internalRequest(t, 'POST', '/internal/run-waits', waitRequest({ kind: 'person', id: 'p' }, { event: { name: 'X', where: { property: 'a', operator: 'like' } as never } }));
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.message).toMatch(/event\.where/);
    expect((await internalRequest(t, 'POST', '/internal/run-waits', waitRequest({ kind: 'person', id: 'p' }), null)).status).toBe(401);
  });
});

function pick(request: OpenRunWaitRequest) {
  const { workspaceId, workflowId, stepId, visit, temporalRunId } = request;
  return { workspaceId, workflowId, stepId, visit, temporalRunId };
}

describe.each(databaseKindsUnderTest())('run waits end to end: /v1/track wakes a waiting run (real Temporal and worker) on %s', (kind) => {
  let t: TestApp;
  let temporal: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof createPlaybookWorker>>;
  let workerDone: Promise<void>;
  let workspaceId: string;

  beforeAll(async () => {
    // The SDK logs each worker state change at INFO; only errors are worth printing here.
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    const temporalPort = await freePort();
    temporal = await startTemporalDevServer(temporalPort);
    const taskQueue = `run-waits-${randomUUID()}`;
    t = await startTestApp(kind, { TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`, TRIPLINE_TASK_QUEUE: taskQueue });
    workspaceId = (await t.app.get(WorkspacesService).findByWriteKey(TEST_WRITE_KEY))!.id;
    // The real worker, talking to this API over /internal/* as in production.
    const workerApi = new HttpWorkerApi({ baseUrl: t.url, token: TEST_INTERNAL_TOKEN });
    const connectors = createRegistry([emailConnector]);
    worker = await createPlaybookWorker({
      connection: temporal.nativeConnection,
      namespace: 'default',
      taskQueue,
      activities: createActivities({ workerApi, connectors }),
      connectors,
    });
    workerDone = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await workerDone;
    await t?.close();
    await temporal?.teardown();
  });

  it('enrolls on one event, waits, ignores a non-matching event, and leaves by "received" on the matching one', async () => {
    const definition: Playbook = {
      schemaVersion: 1,
      id: 'upgrade-goal',
      version: 1,
      name: 'Upgrade goal',
      trigger: { kind: 'event', event: 'Trial Started' },
      enrollment: { subject: 'person', reenroll: 'never' },
      start: 'await-upgrade',
      nodes: {
        'await-upgrade': { kind: 'waitForEvent', event: { name: 'Plan Upgraded', where: { property: 'event.properties.plan', operator: 'eq', value: 'pro' } }, timeout: '7d' },
        'timed-out': { kind: 'end' },
      },
      edges: [{ from: 'await-upgrade', to: 'timed-out' }],
    };
    const token = await loginAsAdmin(t.url);
    const created = await gql(t.url, `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`, { input: { name: definition.name, definition } }, token);
    expect(created.errors).toBeUndefined();
    const published = await gql(t.url, `mutation($id: ID!) { publishPlaybook(id: $id) { playbookId } }`, { id: created.data.createPlaybook.id }, token);
    expect(published.errors).toBeUndefined();

    expect((await postSegment(t, 'track', { userId: 'stack-ivy', event: 'Trial Started' })).status).toBe(200);
    const wait = await waitFor('the run to register its wait', async () => (await findAll(t, RunWaitEntity, { workspaceId, stepId: 'await-upgrade' }))[0], 60_000);
    expect(wait).toMatchObject({ status: 'open', subjectKind: 'person', eventName: 'Plan Upgraded' });

    await postSegment(t, 'track', { userId: 'stack-ivy', event: 'Plan Upgraded', properties: { plan: 'basic' } });
    const upgrade = messageId('stack-upgrade');
    expect((await postSegment(t, 'track', { userId: 'stack-ivy', event: 'Plan Upgraded', properties: { plan: 'pro' }, messageId: upgrade })).status).toBe(200);

    const handle = temporal.client.workflow.getHandle(wait.workflowId);
    await expect(handle.result()).resolves.toEqual({ status: 'exited', path: ['await-upgrade'] });
    const run = await waitFor('the run to be completed in the API', async () => {
      const [found] = await findAll(t, RunEntity, { workflowId: wait.workflowId });
      return found?.status === 'completed' ? found : undefined;
    });
    const [step] = await findAll(t, RunStepEntity, { runId: run.id, stepId: 'await-upgrade' });
    expect(step).toMatchObject({ status: 'completed', port: 'received' });
    expect(step!.output).toMatchObject({ outcome: 'received', event: { messageId: upgrade, name: 'Plan Upgraded', properties: { plan: 'pro' } } });
    expect(await findAll(t, RunWaitEntity, { id: wait.id })).toEqual([expect.objectContaining({ status: 'received', messageId: upgrade })]);
    const [signal, ...more] = (await findAll(t, OutboxMessageEntity, { workspaceId, kind: 'signalRun' })).filter((row) => (row.payload as SignalRunPayload).workflowId === wait.workflowId);
    expect(more).toEqual([]);
    expect(signal).toMatchObject({ status: 'dispatched', lastError: null });
  });

  it('marks a signal for a workflow that has closed as dispatched, with a note, and moves on', async () => {
    const workflowId = `tripline:${workspaceId}:closed-${randomUUID()}`;
    const payload: SignalRunPayload = {
      workspaceId,
      workflowId,
      runId: randomUUID(),
      waitId: randomUUID(),
      signal: EVENT_RECEIVED_SIGNAL,
      input: { stepId: 'await-upgrade', visit: 1, event: { messageId: 'late', name: 'Plan Upgraded', timestamp: new Date().toISOString(), properties: {} } },
    };
    await t.app.get(Transactions).run((manager) => addSignalRuns(manager, [payload], new Date()));
    const row = await waitFor('the signal row to be dispatched', async () => {
      const [found] = (await findAll(t, OutboxMessageEntity, { workspaceId, kind: 'signalRun' })).filter((r) => (r.payload as SignalRunPayload).workflowId === workflowId);
      return found?.status === 'dispatched' ? found : undefined;
    });
    expect(row).toMatchObject({ attempts: 1, lastError: 'the workflow had already closed: no run was waiting for the event' });
  });
});
