import { WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  APPROVAL_REFUSALS,
  APPROVAL_REJECTED_PORT,
  type ApprovalDecisionRequest,
  type ApprovalStep,
  type PlaybookRunInput,
  type RunEvent,
} from '@tripline/playbook';
import { playbookRun } from '../src/workflows';
import { approvalDecisionUpdate } from '../src/workflows/approval-messages';
import { enrollmentWorkflowId, playbookOf, runInputFor, welcomeEmail, WORKSPACE_ID } from './support/playbooks';
import { eventLines } from './support/run-events';
import { installQuietRuntime } from './support/quiet-runtime';
import { temporalTestServerPath } from './support/temporal-binaries';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness';
import { untilTimerStarted } from './support/until-timer-started';

jest.setTimeout(120_000);

const DAY_MS = 24 * 60 * 60 * 1000;
// Users of the test workspace: the publisher (requester), two approvers, an admin, an operator, a viewer.
const PAT = 'u-pat';
const ANN = 'u-ann';
const BOB = 'u-bob';
const ADA = 'u-ada';
const OTTO = 'u-otto';

const gate = (overrides: Partial<ApprovalStep> = {}): ApprovalStep => ({
  kind: 'approval',
  label: 'Manager approves the offer',
  assignees: { roles: ['approver'] },
  timeout: '2d',
  onTimeout: 'reject',
  ...overrides,
});

/** gate → (approved) offer email → 1 day pause → end; (rejected) → end. */
function offerPlaybook(step: ApprovalStep = gate()) {
  return playbookOf(
    'approve-offer',
    { 'approve-offer': step, 'send-offer': welcomeEmail({ subject: 'Your offer' }), pause: { kind: 'wait', for: '1d' }, done: { kind: 'end' }, declined: { kind: 'end' } },
    [
      { from: 'approve-offer', to: 'send-offer' },
      { from: 'approve-offer', to: 'declined', port: APPROVAL_REJECTED_PORT },
      { from: 'send-offer', to: 'pause' },
      { from: 'pause', to: 'done' },
    ],
  );
}

describe('approval gates on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let harness: WorkerHarness;

  beforeAll(async () => {
    installQuietRuntime();
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    });
    harness = await startWorkerHarness(env);
    const members = [
      { userId: PAT, email: 'pat@example.com', role: 'editor' },
      { userId: ANN, email: 'ann@example.com', role: 'approver' },
      { userId: BOB, email: 'bob@example.com', role: 'approver' },
      { userId: ADA, email: 'ada@example.com', role: 'admin' },
      { userId: OTTO, email: 'otto@example.com', role: 'operator' },
      { userId: 'u-vic', email: 'vic@example.com', role: 'viewer' },
    ];
    for (const member of members) harness.workerApi.approvals.addMember(WORKSPACE_ID, member);
  });

  afterAll(async () => {
    await harness?.stop();
    await env?.teardown();
  });

  beforeEach(() => harness.catcher.clear());

  function start(input: PlaybookRunInput) {
    harness.workerApi.approvals.setRequester(input.runId, PAT);
    return env.client.workflow.start(playbookRun, { workflowId: enrollmentWorkflowId(), taskQueue: harness.taskQueue, args: [input] });
  }

  /** Polls the in-memory API until the run opened its request (time does not skip meanwhile). */
  async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const openedRequest = (input: PlaybookRunInput) => until('the approval request', () => harness.workerApi.approvals.ofRun(input.runId)[0]);

  /** As the backend does: a request the run has not taken up yet (or is escalating) is tried again shortly. */
  async function decide(handle: WorkflowHandle, request: ApprovalDecisionRequest) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await handle.executeUpdate(approvalDecisionUpdate, { args: [request] });
      } catch (error) {
        const notOpen = error instanceof WorkflowUpdateFailedError && (error.cause as ApplicationFailure)?.type === APPROVAL_REFUSALS.notOpen;
        if (!notOpen || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** The validator's refusal: the Update fails with an ApplicationFailure of this type. */
  async function refusalOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return cause as ApplicationFailure;
  }

  const stepEvent = (events: RunEvent[], stepId: string, status: string) =>
    events.find((event) => event.type === 'step' && event.stepId === stepId && event.status === status) as
      | (RunEvent & { type: 'step'; input: any; output: any; port?: string })
      | undefined;

  it('waits for an allowed approver: the requester, a non-approver and a second decision are refused', async () => {
    const input = runInputFor(offerPlaybook());
    const handle = await start(input);
    const request = await openedRequest(input);
    expect(request).toMatchObject({
      status: 'pending',
      approverIds: [ANN, BOB],
      requesterId: PAT,
      request: {
        key: `${handle.workflowId}:approve-offer:1`,
        stepLabel: 'Manager approves the offer',
        summary: { text: 'person ann@example.com (Ann) · event Signed Up' },
      },
    });

    const own = await refusalOf(decide(handle, { requestId: request.id, decidedBy: PAT, decision: 'approve' }));
    expect(own).toMatchObject({ type: APPROVAL_REFUSALS.ownRequest, message: 'You cannot decide your own request: you published the playbook version this run uses' });
    const outsider = await refusalOf(decide(handle, { requestId: request.id, decidedBy: OTTO, decision: 'approve' }));
    expect(outsider).toMatchObject({ type: APPROVAL_REFUSALS.notAnApprover, message: 'You are not an approver of this request' });
    expect(harness.workerApi.approvals.decisions).not.toContainEqual(expect.objectContaining({ requestId: request.id }));

    const outcome = await decide(handle, { requestId: request.id, decidedBy: ANN, decision: 'approve', comment: '  Go ahead  ' });
    expect(outcome).toMatchObject({ requestId: request.id, stepId: 'approve-offer', decision: 'approve', decidedBy: ANN, comment: 'Go ahead', reason: 'decision' });
    // The Update answers once the row is closed with exactly that outcome.
    expect(harness.workerApi.approvals.requests.get(request.id)).toMatchObject({ status: 'approved', outcome });

    const second = await refusalOf(decide(handle, { requestId: request.id, decidedBy: BOB, decision: 'reject' }));
    expect(second).toMatchObject({ type: APPROVAL_REFUSALS.alreadyDecided });

    await expect(handle.result()).resolves.toEqual({ status: 'completed', path: ['approve-offer', 'send-offer', 'pause', 'done'] });
    expect(harness.catcher.messages().map((message) => message.subject)).toEqual(['Your offer']);
    expect(harness.workerApi.approvals.decisions.filter((each) => each.requestId === request.id)).toHaveLength(1);

    const events = harness.workerApi.eventsOf(input.runId);
    expect(eventLines(events).slice(0, 6)).toEqual([
      'run running',
      'step approve-offer running',
      'run waiting',
      'run running',
      'step approve-offer completed',
      'step send-offer running',
    ]);
    expect(stepEvent(events, 'approve-offer', 'running')?.input).toEqual({ assignees: { roles: ['approver'] }, timeout: '2d', onTimeout: 'reject' });
    const completed = stepEvent(events, 'approve-offer', 'completed')!;
    expect(completed.port).toBeUndefined();
    expect(completed.input).toMatchObject({ assignees: { roles: ['approver'] }, approverIds: [ANN, BOB], requesterId: PAT, requestId: request.id });
    expect(completed.output).toEqual(outcome);
  });

  it('a rejection leaves by "rejected" with the comment', async () => {
    const input = runInputFor(offerPlaybook());
    const handle = await start(input);
    const request = await openedRequest(input);
    await decide(handle, { requestId: request.id, decidedBy: BOB, decision: 'reject', comment: 'Too early' });
    await expect(handle.result()).resolves.toEqual({ status: 'completed', path: ['approve-offer', 'declined'] });
    expect(harness.catcher.messages()).toEqual([]);
    const completed = stepEvent(harness.workerApi.eventsOf(input.runId), 'approve-offer', 'completed')!;
    expect(completed.port).toBe(APPROVAL_REJECTED_PORT);
    expect(completed.output).toMatchObject({ decision: 'reject', decidedBy: BOB, comment: 'Too early', reason: 'decision' });
    expect(harness.workerApi.approvals.requests.get(request.id)?.status).toBe('rejected');
  });

  it('times out, escalates (the first assignees can no longer decide), then applies the default outcome', async () => {
    const input = runInputFor(offerPlaybook(gate({ escalateTo: { roles: ['admin'] }, onTimeout: 'approve' })));
    const startedAt = await env.currentTimeMs();
    const handle = await start(input);
    const request = await openedRequest(input);
    expect(request.approverIds).toEqual([ANN, BOB]);

    // Past the first timeout, not the second.
    await env.sleep(2 * DAY_MS + 60_000);
    const escalated = await until('the escalation', () => (harness.workerApi.approvals.requests.get(request.id)?.escalatedAt ? request : undefined));
    expect(escalated.approverIds).toEqual([ADA]);
    expect(Date.parse(escalated.escalatedAt!) - startedAt).toBeGreaterThanOrEqual(2 * DAY_MS);

    const original = await refusalOf(decide(handle, { requestId: request.id, decidedBy: ANN, decision: 'reject' }));
    expect(original).toMatchObject({ type: APPROVAL_REFUSALS.notAnApprover });

    // Nobody decides: after another two days the default applies, decided by the system.
    await expect(handle.result()).resolves.toEqual({ status: 'completed', path: ['approve-offer', 'send-offer', 'pause', 'done'] });
    const row = harness.workerApi.approvals.requests.get(request.id)!;
    expect(row.status).toBe('expired');
    expect(row.outcome).toMatchObject({ decision: 'approve', decidedBy: 'system', reason: 'timeout', comment: null });
    expect(Date.parse(row.outcome!.decidedAt) - startedAt).toBeGreaterThanOrEqual(4 * DAY_MS);

    const completed = stepEvent(harness.workerApi.eventsOf(input.runId), 'approve-offer', 'completed')!;
    expect(completed.port).toBeUndefined();
    expect(completed.input).toMatchObject({ approverIds: [ADA], escalatedAt: row.escalatedAt });
    expect(completed.output).toMatchObject({ decision: 'approve', decidedBy: 'system', reason: 'timeout' });
  });

  it('without escalateTo, the default outcome applies after one timeout', async () => {
    const input = runInputFor(offerPlaybook(gate({ timeout: '3d' })));
    const startedAt = await env.currentTimeMs();
    const handle = await start(input);
    await expect(handle.result()).resolves.toEqual({ status: 'completed', path: ['approve-offer', 'declined'] });
    const row = harness.workerApi.approvals.ofRun(input.runId)[0]!;
    expect(row).toMatchObject({ status: 'expired', escalatedAt: null, outcome: { decision: 'reject', decidedBy: 'system', reason: 'timeout' } });
    expect(Date.parse(row.outcome!.decidedAt) - startedAt).toBeGreaterThanOrEqual(3 * DAY_MS);
    expect(Date.parse(row.outcome!.decidedAt) - startedAt).toBeLessThan(4 * DAY_MS);
  });

  it('a cancelled run closes its request (expired, by the system) so it leaves the inboxes', async () => {
    const input = runInputFor(offerPlaybook());
    const handle = await start(input);
    const request = await openedRequest(input);
    await untilTimerStarted(handle);
    await handle.cancel();
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    const row = harness.workerApi.approvals.requests.get(request.id)!;
    expect(row).toMatchObject({ status: 'expired', outcome: { decision: 'reject', decidedBy: 'system', reason: 'cancelled' } });
    // (The compensation part may add an undo pass after the cancel; either way the run ends there.)
    expect(['run cancelled', 'run compensated']).toContain(eventLines(harness.workerApi.eventsOf(input.runId)).at(-1));
  });

  it('fails the step clearly when an assignee cannot be resolved', async () => {
    const input = runInputFor(offerPlaybook(gate({ assignees: { roles: ['sales-manager'], users: ['eve@example.com'] } })));
    const handle = await start(input);
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    const events = harness.workerApi.eventsOf(input.runId);
    expect(eventLines(events)).toEqual(['run running', 'step approve-offer running', 'step approve-offer failed', 'run failed']);
    expect(stepEvent(events, 'approve-offer', 'failed')?.error).toBe(
      "assignees: 'sales-manager' is not a workspace role (roles: admin, editor, approver, operator); assignees: user 'eve@example.com' is not a member of this workspace",
    );
    expect(harness.workerApi.approvals.ofRun(input.runId)).toEqual([]);
  });
});
