import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment, TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { emailConnector } from '@tripline/connector-email';
import { createRegistry } from '@tripline/connector-sdk';
import { changeApprovalWorkflowId, type ChangeApprovalInput, type ChangeApprovalLevelTimers } from '@tripline/playbook';
import { changeApprovalActivities } from '../src/change-approval/change-approval-activities';
import { changeClosedSignal, changeLevelAdvancedSignal } from '../src/change-approval/change-approval-signals';
import type { InMemoryChangeApprover, InMemoryChangeLevel } from '../src/test-support/in-memory-change-requests';
import { changeApproval } from '../src/workflows';
import { changeApprovalCalls, timelineOf } from './support/change-approval-history';
import { startFlakySmtpProxy } from './support/flaky-smtp-proxy';
import { SMTP_CONNECTION, WORKSPACE_ID } from './support/playbooks';
import { installQuietRuntime } from './support/quiet-runtime';
import { temporalTestServerPath } from './support/temporal-binaries';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness';

jest.setTimeout(120_000);

const HOUR_MS = 60 * 60 * 1000;
const ANN: InMemoryChangeApprover = { userId: 'u-ann', email: 'ann@acme.test' };
const BOB: InMemoryChangeApprover = { userId: 'u-bob', email: 'bob@acme.test' };
const EVE: InMemoryChangeApprover = { userId: 'u-eve', email: 'eve@acme.test' };
const FAY: InMemoryChangeApprover = { userId: 'u-fay', email: 'fay@acme.test' };

/** The default policy's level: 72 h, a reminder every 24 h. */
const approvalLevel = (overrides: Partial<ChangeApprovalLevelTimers> = {}): ChangeApprovalLevelTimers => ({
  name: 'Approval',
  timeoutMs: 72 * HOUR_MS,
  reminderEveryMs: 24 * HOUR_MS,
  escalates: false,
  ...overrides,
});

/** An activity context outside any worker (as a restarted worker would run the activity again); only errors logged. */
const activityContext = (attempt = 1) => new MockActivityEnvironment({ attempt }, { logger: new DefaultLogger('ERROR') });

interface LevelSpec {
  timers: ChangeApprovalLevelTimers;
  people: InMemoryChangeLevel;
}

describe('the changeApproval workflow on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let harness: WorkerHarness;

  beforeAll(async () => {
    installQuietRuntime();
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    });
    harness = await startWorkerHarness(env);
  });

  afterAll(async () => {
    await harness?.stop();
    await env?.teardown();
  });

  const requests = () => harness.workerApi.changeRequests;

  /** What the API does at submit: the request row, then the workflow (id per attempt). */
  async function submit(levels: LevelSpec[], connection: string | null = SMTP_CONNECTION) {
    const requestId = `cr-${randomUUID()}`;
    requests().add({ workspaceId: WORKSPACE_ID, requestId, connection, levels: levels.map((level) => level.people) });
    const input: ChangeApprovalInput = { workspaceId: WORKSPACE_ID, requestId, attempt: 1, levels: levels.map((level) => level.timers) };
    const handle = await env.client.workflow.start(changeApproval, {
      workflowId: changeApprovalWorkflowId(WORKSPACE_ID, requestId, 1),
      taskQueue: harness.taskQueue,
      args: [input],
    });
    return { requestId, handle };
  }

  /** Waits (real time; the server's clock does not move meanwhile) until the API saw `count` notification calls. */
  async function untilNotified(requestId: string, count: number): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (requests().callsOf(requestId).filter((call) => call.endpoint === 'notifications').length < count) {
      if (Date.now() > deadline) throw new Error(`${requestId}: fewer than ${count} notification calls`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Who got which email about the request: `<reason> <to>`, in order. */
  const mailAbout = (requestId: string) =>
    harness.catcher
      .messages()
      .filter((message) => message.subject.includes(requestId))
      .map((message) => `${/^\[(\w+)\]/.exec(message.subject)?.[1]} ${message.to.join(',')}`);

  it('emails each approver when the level opens, reminds every 24 h until the 72 h timeout, escalates, then expires after another timeout', async () => {
    const { requestId, handle } = await submit([{ timers: approvalLevel({ escalates: true }), people: { approvers: [ANN, BOB], escalateTo: [EVE] } }]);

    await expect(handle.result()).resolves.toEqual({ status: 'expired' });
    expect(timelineOf(await changeApprovalCalls(handle))).toEqual([
      '0h notify opened 0 L0',
      '24h notify reminder 1 L0',
      '48h notify reminder 2 L0',
      '72h escalate L0',
      '72h notify escalated 0 L0',
      '96h notify reminder 3 L0',
      '120h notify reminder 4 L0',
      '144h expire L0',
    ]);
    expect(mailAbout(requestId)).toEqual([
      'opened ann@acme.test',
      'opened bob@acme.test',
      'reminder ann@acme.test',
      'reminder bob@acme.test',
      'reminder ann@acme.test',
      'reminder bob@acme.test',
      'escalated eve@acme.test',
      'reminder ann@acme.test',
      'reminder bob@acme.test',
      'reminder eve@acme.test',
      'reminder ann@acme.test',
      'reminder bob@acme.test',
      'reminder eve@acme.test',
    ]);
    // Each message went out under its own ledger key, once.
    const key = `change:${requestId}:1:0:opened:0:${ANN.userId}`;
    expect(harness.workerApi.ledgerEntry(WORKSPACE_ID, key)).toMatchObject({ state: 'completed', claims: 1 });
    const opened = harness.catcher.messages().find((message) => message.subject.includes(requestId))!;
    expect(opened.text).toContain(`/approvals/change-requests/${requestId}?token=for-${ANN.userId}`);
    expect(requests().requests.get(requestId)!.status).toBe('expired');
  });

  it('a level that does not escalate expires at its timeout; reminders skip approvers who already decided', async () => {
    const { requestId, handle } = await submit([{ timers: approvalLevel(), people: { approvers: [ANN, BOB] } }]);
    await untilNotified(requestId, 1);
    await env.sleep('30h');
    requests().decide(requestId, ANN.userId);

    await expect(handle.result()).resolves.toEqual({ status: 'expired' });
    expect(timelineOf(await changeApprovalCalls(handle))).toEqual(['0h notify opened 0 L0', '24h notify reminder 1 L0', '48h notify reminder 2 L0', '72h expire L0']);
    expect(mailAbout(requestId)).toEqual(['opened ann@acme.test', 'opened bob@acme.test', 'reminder ann@acme.test', 'reminder bob@acme.test', 'reminder bob@acme.test']);
  });

  it("once the level advanced, the old level's reminders and timeout stop and the next level's clock runs; closed ends it with its status", async () => {
    const { requestId, handle } = await submit([
      { timers: approvalLevel({ escalates: true }), people: { approvers: [ANN, BOB], escalateTo: [EVE] } },
      { timers: approvalLevel({ name: 'Finance / legal' }), people: { approvers: [FAY] } },
    ]);
    await untilNotified(requestId, 1);
    await env.sleep('30h');
    // Both approved at 30 h: the API opens the next level and signals it.
    requests().advance(requestId, 1);
    await handle.signal(changeLevelAdvancedSignal, { attempt: 1, level: 1 });
    await untilNotified(requestId, 3);
    await env.sleep('50h');
    requests().close(requestId, 'published');
    await handle.signal(changeClosedSignal, { attempt: 1, status: 'published' });

    await expect(handle.result()).resolves.toEqual({ status: 'published' });
    // Nothing of level 0 after 30 h (no reminder at 48 h, no escalation at 72 h); level 1 reminds from its own opening.
    expect(timelineOf(await changeApprovalCalls(handle))).toEqual([
      '0h notify opened 0 L0',
      '24h notify reminder 1 L0',
      '30h notify opened 0 L1',
      '54h notify reminder 1 L1',
      '78h notify reminder 2 L1',
    ]);
    expect(mailAbout(requestId)).toEqual([
      'opened ann@acme.test',
      'opened bob@acme.test',
      'reminder ann@acme.test',
      'reminder bob@acme.test',
      'opened fay@acme.test',
      'reminder fay@acme.test',
      'reminder fay@acme.test',
    ]);
  });

  it("ignores other attempts' signals and a level that does not move forward; its own closed signal ends it at once", async () => {
    const { requestId, handle } = await submit([
      { timers: approvalLevel(), people: { approvers: [ANN] } },
      { timers: approvalLevel(), people: { approvers: [FAY] } },
    ]);
    await untilNotified(requestId, 1);
    // An earlier submission's signals (a recall and resubmit makes attempt 2's workflow; these are stray ones).
    await handle.signal(changeClosedSignal, { attempt: 2, status: 'rejected' });
    await handle.signal(changeLevelAdvancedSignal, { attempt: 2, level: 1 });
    await handle.signal(changeLevelAdvancedSignal, { attempt: 1, level: 0 });
    await env.sleep('25h');
    expect((await handle.describe()).status.name).toBe('RUNNING');

    requests().close(requestId, 'rejected');
    await handle.signal(changeClosedSignal, { attempt: 1, status: 'rejected' });
    await expect(handle.result()).resolves.toEqual({ status: 'rejected' });
    expect(timelineOf(await changeApprovalCalls(handle))).toEqual(['0h notify opened 0 L0', '24h notify reminder 1 L0']);
    expect(mailAbout(requestId)).toEqual(['opened ann@acme.test', 'reminder ann@acme.test']);
  });

  it("a 'stale' answer at the timeout (the API moved on) keeps the workflow waiting for the API's signal", async () => {
    const { requestId, handle } = await submit([{ timers: approvalLevel({ reminderEveryMs: null }), people: { approvers: [ANN] } }]);
    await untilNotified(requestId, 1);
    // The request was published just before the timeout; its closed signal is still in the outbox.
    requests().close(requestId, 'published');
    await env.sleep('73h');
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(requests().callsOf(requestId).map((call) => `${call.endpoint} ${call.answer.status}`)).toEqual(['notifications ok', 'expire stale']);

    await handle.signal(changeClosedSignal, { attempt: 1, status: 'published' });
    await expect(handle.result()).resolves.toEqual({ status: 'published' });
  });

  it('notification problems never block the approval: a missing connection is reported per recipient and the level goes on', async () => {
    const { handle } = await submit([{ timers: approvalLevel({ reminderEveryMs: null }), people: { approvers: [ANN, BOB] } }], 'no-such-email');
    await expect(handle.result()).resolves.toEqual({ status: 'expired' });
    const [opened] = await changeApprovalCalls(handle);
    expect(opened!.result).toEqual({
      status: 'ok',
      sent: [],
      skipped: [],
      failed: [
        { to: ANN.email, error: `connection 'no-such-email': No connection 'no-such-email' in workspace ${WORKSPACE_ID}` },
        { to: BOB.email, error: `connection 'no-such-email': No connection 'no-such-email' in workspace ${WORKSPACE_ID}` },
      ],
    });
  });

  it('a policy without an email connection sends nothing and still keeps time', async () => {
    const { requestId, handle } = await submit([{ timers: approvalLevel(), people: { approvers: [ANN] } }], null);
    await expect(handle.result()).resolves.toEqual({ status: 'expired' });
    expect(timelineOf(await changeApprovalCalls(handle))).toHaveLength(4);
    expect(mailAbout(requestId)).toEqual([]);
  });

  it('a retried notification (SMTP refused one message) sends only what is missing: nobody gets an email twice', async () => {
    const proxy = await startFlakySmtpProxy({ host: '127.0.0.1', port: harness.catcher.smtpPort }, 1);
    try {
      harness.workerApi.addConnection(WORKSPACE_ID, {
        id: 'conn-flaky',
        name: 'smtp-flaky',
        connector: 'email',
        config: { host: '127.0.0.1', port: proxy.port, from: 'Tripline <approvals@tripline.test>' },
      });
      const { requestId, handle } = await submit([{ timers: approvalLevel(), people: { approvers: [ANN, BOB] } }], 'smtp-flaky');
      await untilNotified(requestId, 2);
      requests().close(requestId, 'rejected');
      await handle.signal(changeClosedSignal, { attempt: 1, status: 'rejected' });
      await expect(handle.result()).resolves.toEqual({ status: 'rejected' });

      expect(proxy.refusedConnections()).toBe(1);
      const [opened] = await changeApprovalCalls(handle);
      // Attempt 1 sent Bob's and failed on Ann's (421); attempt 2 sent Ann's and skipped Bob's (already in the ledger).
      expect(opened).toMatchObject({ attempt: 2, result: { status: 'ok', sent: [ANN.email], skipped: [BOB.email], failed: [] } });
      expect(mailAbout(requestId)).toEqual(['opened bob@acme.test', 'opened ann@acme.test']);
      expect(harness.workerApi.ledgerEntry(WORKSPACE_ID, `change:${requestId}:1:0:opened:0:${BOB.userId}`)).toMatchObject({ state: 'completed', claims: 2 });
    } finally {
      await proxy.close();
    }
  });

  it('the same notification run again (a worker restarted before reporting it) sends nothing twice', async () => {
    const requestId = `cr-${randomUUID()}`;
    requests().add({ workspaceId: WORKSPACE_ID, requestId, connection: SMTP_CONNECTION, levels: [{ approvers: [ANN, BOB] }] });
    const activities = changeApprovalActivities({ workerApi: harness.workerApi, connectors: createRegistry([emailConnector]) });
    const input = { workspaceId: WORKSPACE_ID, requestId, attempt: 1, level: 0, reason: 'opened' as const, sequence: 0 };

    const first = await activityContext().run(activities.notifyChangeApprovers, input);
    const again = await activityContext().run(activities.notifyChangeApprovers, input);

    expect(first).toEqual({ status: 'ok', sent: [ANN.email, BOB.email], skipped: [], failed: [] });
    expect(again).toEqual({ status: 'ok', sent: [], skipped: [ANN.email, BOB.email], failed: [] });
    expect(mailAbout(requestId)).toEqual(['opened ann@acme.test', 'opened bob@acme.test']);
  });

  it('a request of another workspace is not found (the API scopes every call)', async () => {
    const requestId = `cr-${randomUUID()}`;
    requests().add({ workspaceId: WORKSPACE_ID, requestId, connection: SMTP_CONNECTION, levels: [{ approvers: [ANN] }] });
    const activities = changeApprovalActivities({ workerApi: harness.workerApi, connectors: createRegistry([emailConnector]) });
    await expect(
      activityContext().run(activities.expireChangeLevel, { workspaceId: 'ws-other', requestId, attempt: 1, level: 0 }),
    ).rejects.toMatchObject({ nonRetryable: true, message: `No change request ${requestId} in workspace ws-other` });
    expect(requests().requests.get(requestId)!.status).toBe('pending');
  });
});
