import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mixpanelEvent, startFakeMixpanel, type FakeMixpanel, type StoredEvent } from '@tripline/connector-mixpanel';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { EventEntity } from '../src/ingest/event.entity';
import { defaultModelId } from '../src/scoring/default-scoring-models.seeder';
import { ScoreStateEntity } from '../src/scoring/score-state.entity';
import { startAppWithConnectors } from './connector-triggers-support/app-with-connectors';
import { findAll } from './ingest-support/segment-requests';
import { freePort, startTemporalDevServer } from './ingest-support/temporal-dev-server';
import { waitFor } from './ingest-support/wait-for';
import { startHoldingProxy, startMixpanelWorker } from './mixpanel-poller-restart-support';
import { installQuietRuntime } from './run-operations-support/api-worker';
import { personIdOf } from './scoring-support/scoring-api';
import { gql, loginAsAdmin } from './support/graphql-client';
import { internalRequest } from './support/internal-api';
import { databaseKindsUnderTest } from './support/test-databases';
import type { TestApp } from './support/test-app';

jest.setTimeout(300_000);

const DAY_MS = 86_400_000;
const CREATE = `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`;
const ENABLE = `mutation($c: ID!, $o: JSON) { enableConnectionTrigger(connectionId: $c, trigger: "exportEvents", options: $o) { scheduleId scheduleError } }`;
const LIST = `query($c: ID) { connectionTriggers(connectionId: $c) { lastError itemsDelivered checkpointTime } }`;

const insertIdOf = (stored: StoredEvent) => String(stored.properties.$insert_id);

/**
 * The done-criterion: the Mixpanel poller survives a worker restart without losing or
 * duplicating an event. Real API, real Temporal dev server, real worker and the real Mixpanel
 * connector against its fake; the worker is stopped while an export request is in flight.
 */
describe.each(databaseKindsUnderTest())('the Mixpanel poller across a worker restart (%s)', (kind) => {
  let env: TestWorkflowEnvironment;
  let t: TestApp;
  let mixpanel: FakeMixpanel;
  let proxy: Awaited<ReturnType<typeof startHoldingProxy>>;
  let worker: { stop(): Promise<void> } | undefined;
  let token: string;
  let workspaceId: string;
  const taskQueue = `mixpanel-restart-${randomUUID()}`;

  beforeAll(async () => {
    installQuietRuntime();
    const port = await freePort();
    env = await startTemporalDevServer(port);
    // The runtime polls back to back while the connector says "more"; the fake's 3 / s limit is not the subject here.
    mixpanel = await startFakeMixpanel({ rateLimits: { perSecond: 100, perHour: 1000 } });
    proxy = await startHoldingProxy(mixpanel.url);
    t = await startAppWithConnectors(kind, [], { TEMPORAL_ADDRESS: `127.0.0.1:${port}`, TRIPLINE_TASK_QUEUE: taskQueue });
    token = await loginAsAdmin(t.url);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await proxy?.close();
    await mixpanel?.close();
    await env?.teardown();
  });

  it('stores every event exactly once and moves the checkpoint to the last one, though the worker stops mid-poll', async () => {
    const startedAt = Date.now();
    const today = startedAt - (startedAt % DAY_MS);
    const at = (daysBefore: number, hour: number, minute = 0) => new Date(today - daysBefore * DAY_MS + hour * 3_600_000 + minute * 60_000).toISOString();
    const ev = (event: string, when: string, distinctId: string, insertId: string) => mixpanelEvent({ event, at: when, distinctId, insertId, properties: { plan: 'pro' } });

    // Four past days of events, five a day: with maxEventsPerPoll 4 each poll round keeps one day.
    // "Pricing Page Viewed" scores 5 points in the default lead model; "Dashboard Viewed" none.
    const seeded: StoredEvent[] = [];
    for (const daysBefore of [4, 3, 2, 1]) {
      for (let i = 0; i < 5; i += 1) seeded.push(ev(i % 2 ? 'Dashboard Viewed' : 'Pricing Page Viewed', at(daysBefore, 9 + i), 'u-mx', `d${daysBefore}-e${i}`));
    }
    // Three events sharing one millisecond (another person among them), on two of the days.
    const shared3 = at(3, 18, 30);
    const shared1 = at(1, 20, 0);
    seeded.push(ev('Invite Sent', shared3, 'u-mx', 'same-3-a'), ev('Invite Sent', shared3, 'u-other', 'same-3-b'), ev('Seat Added', shared3, 'u-mx', 'same-3-c'));
    seeded.push(ev('Invite Sent', shared1, 'u-mx', 'same-1-a'), ev('Seat Added', shared1, 'u-other', 'same-1-b'));
    // The vendor repeats some events (same $insert_id): once on the same day, once at a shared time.
    mixpanel.events.push(...seeded, { ...seeded[5]! }, { ...seeded.find((e) => insertIdOf(e) === 'same-3-b')! }, { ...seeded[17]! });
    const firstDay = new Set(seeded.filter((e) => e.properties.time < today - 3 * DAY_MS).map(insertIdOf));

    const storedMessageIds = async () =>
      (await findAll(t, EventEntity, { workspaceId })).map((e) => e.messageId).filter((id) => id.startsWith('mixpanel:')).sort();
    const connectionIdRef = { id: '' };
    const checkpoint = async () => (await internalRequest(t, 'GET', `/internal/trigger-checkpoints/${workspaceId}/${connectionIdRef.id}/exportEvents`)).body.checkpoint;

    const config = { username: mixpanel.serviceAccount.username, secret: mixpanel.serviceAccount.secret, projectId: mixpanel.projectId, baseUrl: proxy.url };
    const created = await gql(t.url, CREATE, { input: { name: `mixpanel ${kind}`, connector: 'mixpanel', config } }, token);
    expect(created.errors).toBeUndefined();
    connectionIdRef.id = created.data.createConnection.id;

    // The first export passes; the second (the next day's round) is held: the poll is in flight.
    proxy.holdRequest(2);
    worker = await startMixpanelWorker(env, t.url, taskQueue);
    const enabled = await gql(t.url, ENABLE, { c: connectionIdRef.id, o: { lookbackDays: 5, maxEventsPerPoll: 4 } }, token);
    expect(enabled.errors).toBeUndefined();
    expect(enabled.data.enableConnectionTrigger.scheduleError).toBeNull();

    await waitFor('a poll held in flight after the first day landed', async () => proxy.held.length === 1 && (await storedMessageIds()).length === firstDay.size, 120_000);
    expect(await storedMessageIds()).toEqual([...firstDay].map((id) => `mixpanel:${id}`).sort());
    const checkpointBeforeStop = await checkpoint();
    expect(checkpointBeforeStop.time).toBe(at(4, 13));

    // Stop the worker with the export unanswered.
    await worker.stop();
    worker = undefined;
    await waitFor('the held export abandoned by the stopped worker', async () => proxy.held[0]!.abandoned, 30_000);
    expect(await storedMessageIds()).toHaveLength(firstDay.size);

    // Meanwhile Mixpanel gets more: one at the last seeded time, two sharing a newer one, and a repeat.
    const lateTime = new Date(startedAt - 60_000).toISOString();
    const late = [ev('Invite Sent', shared1, 'u-mx', 'late-at-shared'), ev('Demo Requested', lateTime, 'u-mx', 'late-a'), ev('Seat Added', lateTime, 'u-other', 'late-b')];
    mixpanel.events.push(...late, { ...seeded[2]! });

    worker = await startMixpanelWorker(env, t.url, taskQueue);
    const expected = [...new Set([...seeded, ...late].map(insertIdOf))].map((id) => `mixpanel:${id}`).sort();
    await waitFor('every event, and the checkpoint at the last', async () => (await storedMessageIds()).length >= expected.length && (await checkpoint())?.time === lateTime, 180_000);
    expect(await storedMessageIds()).toEqual(expected);
    const final = await checkpoint();
    expect({ ...final, idsAtTime: [...final.idsAtTime].sort() }).toEqual({ time: lateTime, idsAtTime: ['late-a', 'late-b'] });

    // Stored once each, at the vendor's times; the triggers' bookkeeping counts each once too.
    const events = (await findAll(t, EventEntity, { workspaceId })).filter((e) => e.messageId.startsWith('mixpanel:'));
    const timeOf = new Map([...seeded, ...late].map((e) => [`mixpanel:${insertIdOf(e)}`, e.properties.time]));
    for (const event of events) expect(new Date(event.timestamp).getTime()).toBe(timeOf.get(event.messageId));
    const listed = (await gql(t.url, LIST, { c: connectionIdRef.id }, token)).data.connectionTriggers[0];
    expect(listed).toMatchObject({ lastError: null, itemsDelivered: expected.length, checkpointTime: lateTime });

    // Scores saw each event once: the lead score (5 a pricing view, 150 a demo request, halving every
    // 30 days) as of the last event; a repeated pricing view would add about 5.
    const personId = await personIdOf(t, workspaceId, 'u-mx');
    const [lead] = await findAll(t, ScoreStateEntity, { workspaceId, modelId: defaultModelId(workspaceId, 'seed-event-model'), subjectKind: 'person', subjectId: personId });
    expect(lead).toBeDefined();
    expect(new Date(lead!.lastEventAt).toISOString()).toBe(lateTime);
    const lastMs = Date.parse(lateTime);
    const pricingViews = seeded.filter((e) => e.event === 'Pricing Page Viewed');
    expect(pricingViews).toHaveLength(12);
    const expectedScore = 150 + pricingViews.reduce((sum, e) => sum + 5 * 0.5 ** ((lastMs - e.properties.time) / (30 * DAY_MS)), 0);
    expect(lead!.score).toBeCloseTo(expectedScore, 3);

    // The held export was the second round's (from the checkpoint's day); the restarted worker asked
    // the very same question again (same checkpoint, same "now"), then went on day by day.
    expect(proxy.held[0]!.query).toContain(`from_date=${at(4, 0).slice(0, 10)}`);
    expect(proxy.passed[1]).toBe(proxy.held[0]!.query);
    expect(proxy.passed.length).toBeGreaterThanOrEqual(5);

    // A further poll finds nothing new.
    const schedule = env.client.schedule.getHandle(enabled.data.enableConnectionTrigger.scheduleId);
    // (A scheduled run may start meanwhile and take the trigger's place: any run not seen before will do.)
    const seen = await waitFor('the interrupted run to finish', async () => {
      const info = (await schedule.describe()).info;
      return info.runningActions.length === 0 && new Set(info.recentActions.map((a) => a.action.workflow.workflowId));
    }, 60_000);
    await schedule.trigger();
    const action = await waitFor('a later poll', async () => (await schedule.describe()).info.recentActions.find((a) => !seen.has(a.action.workflow.workflowId)), 60_000);
    const summary = await env.client.workflow.getHandle(action.action.workflow.workflowId, action.action.workflow.firstExecutionRunId).result();
    expect(summary).toMatchObject({ stored: 0 });
    expect(await storedMessageIds()).toEqual(expected);
  });
});
