import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { emailConnector, startMailCatcher, type MailCatcher } from '@tripline/connector-email';
import { createRegistry } from '@tripline/connector-sdk';
import { APPROVAL_REJECTED_PORT, type Playbook } from '@tripline/playbook';
import { createActivities } from '../../workflow-workers/src/activities/create-activities';
import { createPlaybookWorker, type PlaybookWorkers } from '../../workflow-workers/src/worker';
import { HttpWorkerApi } from '../../workflow-workers/src/worker-api/http-worker-api';
import { ApprovalDecisionEntity } from '../src/approvals/approval-decision.entity';
import { ApprovalRequestEntity } from '../src/approvals/approval-request.entity';
import { UsersService } from '../src/auth/users.service';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { RunsService } from '../src/runs/runs.service';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { findAll, postSegment } from './ingest-support/segment-requests';
import { freePort, startTemporalDevServer } from './ingest-support/temporal-dev-server';
import { waitFor } from './ingest-support/wait-for';
import { gql, login, loginAsAdmin } from './support/graphql-client';
import { internalRequest } from './support/internal-api';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TEST_INTERNAL_TOKEN, type TestApp } from './support/test-app';

jest.setTimeout(180_000);

const REQUEST_FIELDS = `id runId playbookName playbookVersion stepId stepLabel subject status canDecide
  requester { id email } approvers { id email } assignees escalateTo createdAt dueAt escalatedAt
  decision decidedBy { id email } decidedBySystem decidedAt comment closeReason`;
const INBOX = `query($status: ApprovalStatus, $first: Int, $after: ID) { approvalRequests(status: $status, first: $first, after: $after) { ${REQUEST_FIELDS} } }`;
const DECIDE = `mutation($input: DecideApprovalInput!) { decideApproval(input: $input) { ${REQUEST_FIELDS} } }`;
const RUN = `query($id: ID!) { run(id: $id) { status steps { stepId status port input output } } }`;
const CREATE = `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishPlaybook(id: $id) { playbookId version } }`;

/** Offer Requested → a manager (role approver) approves → offer email → end; rejected → declined. */
const offerPlaybook = (event: string): Omit<Playbook, 'id' | 'version'> & { id: string; version: number } => ({
  schemaVersion: 1,
  id: 'offer',
  version: 1,
  name: `Discount offer (${event})`,
  trigger: { kind: 'event', event },
  enrollment: { subject: 'person', reenroll: 'always' },
  start: 'approve-offer',
  nodes: {
    'approve-offer': { kind: 'approval', label: 'Manager approves the discount', assignees: { roles: ['approver'] }, timeout: '2d', onTimeout: 'reject' },
    'send-offer': {
      kind: 'action',
      connector: 'email',
      action: 'send',
      connection: 'default-email',
      input: { to: '{{ person.traits.email }}', subject: '15% off for {{ person.traits.firstName }}', text: 'Reply to claim it.' },
    },
    done: { kind: 'end' },
    declined: { kind: 'end', label: 'Offer declined' },
  },
  edges: [
    { from: 'approve-offer', to: 'send-offer' },
    { from: 'approve-offer', to: 'declined', port: APPROVAL_REJECTED_PORT },
    { from: 'send-offer', to: 'done' },
  ],
});

let quietRuntimeInstalled = false;

interface Member {
  id: string;
  email: string;
  token: string;
}

describe.each(databaseKindsUnderTest())('approval gates end to end on %s (API + Temporal dev server + worker)', (kind) => {
  let temporal: TestWorkflowEnvironment;
  let catcher: MailCatcher;
  let t: TestApp;
  let workers: PlaybookWorkers;
  let workersStopped: Promise<void>;
  let adminToken: string;
  // pat publishes (the requester), ann and bob approve, otto operates, vic views.
  let pat: Member, ann: Member, bob: Member, otto: Member, vic: Member;
  let event: string;

  beforeAll(async () => {
    // The worker logs every task at INFO; only errors are worth reading here.
    if (!quietRuntimeInstalled) Runtime.install({ logger: new DefaultLogger('ERROR') });
    quietRuntimeInstalled = true;
    const port = await freePort();
    temporal = await startTemporalDevServer(port);
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    const taskQueue = `approvals-${randomUUID()}`;
    t = await startTestApp(kind, {
      TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
      TRIPLINE_TASK_QUEUE: taskQueue,
      TRIPLINE_DEFAULT_SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}`,
    });
    const connectors = createRegistry([emailConnector]);
    workers = await createPlaybookWorker({
      connection: temporal.nativeConnection,
      namespace: 'default',
      taskQueue,
      activities: createActivities({ workerApi: new HttpWorkerApi({ baseUrl: t.url, token: TEST_INTERNAL_TOKEN }), connectors }),
      connectors,
    });
    workersStopped = workers.run();

    adminToken = await loginAsAdmin(t.url);
    const workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    const users = t.app.get(UsersService);
    const member = async (name: string, role: 'editor' | 'approver' | 'operator' | 'viewer'): Promise<Member> => {
      const email = `${name}-${randomUUID().slice(0, 6)}@example.test`;
      const password = `password-${randomUUID()}`;
      const user = await users.create({ email, password, name });
      await users.setRole(user.id, workspaceId, role);
      return { id: user.id, email, token: await login(t.url, email, password) };
    };
    pat = await member('pat', 'editor');
    ann = await member('ann', 'approver');
    bob = await member('bob', 'approver');
    otto = await member('otto', 'operator');
    vic = await member('vic', 'viewer');

    // Published by pat: pat is the requester of every gate of these runs.
    event = `Offer Requested ${randomUUID().slice(0, 6)}`;
    const created = await gql(t.url, CREATE, { input: { name: `Offer ${event}`, definition: offerPlaybook(event) } }, pat.token);
    expect(created.errors).toBeUndefined();
    const published = await gql(t.url, PUBLISH, { id: created.data.createPlaybook.id }, pat.token);
    expect(published.errors).toBeUndefined();
  });

  afterAll(async () => {
    workers?.shutdown();
    await workersStopped?.catch(() => undefined);
    await t?.close();
    await catcher?.close();
    await temporal?.teardown();
  });

  /** Enrolls a new person through ingest and waits for the run's request in ann's inbox. */
  async function enrollAndWaitForGate(firstName: string) {
    const userId = `user-${randomUUID()}`;
    const email = `${firstName.toLowerCase()}-${randomUUID().slice(0, 6)}@example.com`;
    expect((await postSegment(t, 'identify', { userId, traits: { email, firstName } })).status).toBe(200);
    expect((await postSegment(t, 'track', { userId, event })).status).toBe(200);
    const request = await waitFor(`the approval request for ${email}`, async () => {
      const inbox = await gql(t.url, INBOX, { status: 'PENDING' }, ann.token);
      return inbox.data?.approvalRequests.find((each: { subject: string }) => each.subject.startsWith(email));
    }, 60_000);
    return { request, email };
  }

  const decide = (token: string, input: Record<string, unknown>) => gql(t.url, DECIDE, { input }, token);
  const runOf = async (id: string) => (await gql(t.url, RUN, { id }, adminToken)).data.run;

  it('an approver approves: the publisher, a viewer and a non-approver cannot; the run continues and sends', async () => {
    const { request, email } = await enrollAndWaitForGate('Ann');
    expect(request).toMatchObject({
      playbookName: `Offer ${event}`,
      playbookVersion: 1,
      stepId: 'approve-offer',
      stepLabel: 'Manager approves the discount',
      status: 'PENDING',
      canDecide: true,
      requester: { id: pat.id, email: pat.email },
      assignees: { roles: ['approver'] },
      escalateTo: null,
      decision: null,
      decidedBy: null,
      decidedBySystem: false,
    });
    expect(request.approvers.map((user: { id: string }) => user.id).sort()).toEqual([ann.id, bob.id].sort());

    // While at the gate the run waits, and its step input shows the assignees.
    const waiting = await waitFor('the run to be waiting', async () => {
      const run = await runOf(request.runId);
      return run?.status === 'waiting' ? run : undefined;
    });
    expect(waiting.steps).toEqual([expect.objectContaining({ stepId: 'approve-offer', status: 'running', input: expect.objectContaining({ assignees: { roles: ['approver'] } }) })]);

    const own = await decide(pat.token, { id: request.id, decision: 'APPROVE' });
    expect(own.errors).toEqual([
      expect.objectContaining({
        message: 'You cannot decide your own request: you published the playbook version this run uses',
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
    const viewer = await decide(vic.token, { id: request.id, decision: 'APPROVE' });
    expect(viewer.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(viewer.errors?.[0]?.message).toMatch(/you are viewer/);
    const outsider = await decide(otto.token, { id: request.id, decision: 'REJECT' });
    expect(outsider.errors).toEqual([expect.objectContaining({ message: 'You are not an approver of this request', extensions: { code: 'FORBIDDEN' } })]);

    const approved = await decide(ann.token, { id: request.id, decision: 'APPROVE', comment: 'Worth it' });
    expect(approved.errors).toBeUndefined();
    expect(approved.data.decideApproval).toMatchObject({
      id: request.id,
      status: 'APPROVED',
      decision: 'APPROVE',
      decidedBy: { id: ann.id },
      decidedBySystem: false,
      comment: 'Worth it',
      closeReason: 'decision',
      canDecide: false,
    });

    const again = await decide(bob.token, { id: request.id, decision: 'REJECT' });
    expect(again.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })]);
    expect(again.errors?.[0]?.message).toBe('This approval request has already been decided: approved by an approver');

    const finished = await waitFor('the run to complete', async () => {
      const run = await runOf(request.runId);
      return run?.status === 'completed' ? run : undefined;
    }, 60_000);
    expect(finished.steps.map((step: { stepId: string; port: string | null }) => [step.stepId, step.port])).toEqual([
      ['approve-offer', null],
      ['send-offer', null],
      ['done', null],
    ]);
    expect(finished.steps[0].output).toMatchObject({ decision: 'approve', decidedBy: ann.id, comment: 'Worth it', reason: 'decision' });
    expect(finished.steps[0].input).toMatchObject({ assignees: { roles: ['approver'] }, requesterId: pat.id, requestId: request.id });
    const offer = await waitFor('the offer email', async () => catcher.messages().find((message) => message.subject === '15% off for Ann'));
    expect(offer.to).toEqual([email]);

    // The decision is recorded once, append-only, as the workflow accepted it.
    const decisions = await findAll(t, ApprovalDecisionEntity, { requestId: request.id });
    expect(decisions).toEqual([expect.objectContaining({ decision: 'approve', decidedBy: ann.id, comment: 'Worth it', reason: 'decision' })]);
  });

  it('a rejection sends the run down the "rejected" edge, and nothing is sent', async () => {
    const before = catcher.messages().length;
    const { request } = await enrollAndWaitForGate('Rob');
    const rejected = await decide(bob.token, { id: request.id, decision: 'REJECT', comment: 'Not this quarter' });
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data.decideApproval).toMatchObject({ status: 'REJECTED', decision: 'REJECT', decidedBy: { id: bob.id }, comment: 'Not this quarter' });
    const finished = await waitFor('the run to complete', async () => {
      const run = await runOf(request.runId);
      return run?.status === 'completed' ? run : undefined;
    }, 60_000);
    expect(finished.steps.map((step: { stepId: string; port: string | null }) => [step.stepId, step.port])).toEqual([
      ['approve-offer', APPROVAL_REJECTED_PORT],
      ['declined', null],
    ]);
    expect(finished.steps[0].output).toMatchObject({ decision: 'reject', decidedBy: bob.id, comment: 'Not this quarter' });
    expect(catcher.messages()).toHaveLength(before);
  });

  it('the inbox: admins see every request, others only those they may decide; other workspaces see nothing', async () => {
    const all = await gql(t.url, INBOX, {}, adminToken);
    expect(all.errors).toBeUndefined();
    expect(all.data.approvalRequests.length).toBeGreaterThanOrEqual(2);
    const annInbox = await gql(t.url, INBOX, {}, ann.token);
    expect(annInbox.data.approvalRequests.map((each: { id: string }) => each.id)).toEqual(all.data.approvalRequests.map((each: { id: string }) => each.id));
    for (const token of [pat.token, otto.token, vic.token]) {
      expect((await gql(t.url, INBOX, {}, token)).data.approvalRequests).toEqual([]);
    }
    const approvedOnly = await gql(t.url, INBOX, { status: 'APPROVED' }, adminToken);
    expect(approvedOnly.data.approvalRequests.map((each: { status: string }) => each.status)).toEqual(['APPROVED']);
    const firstPage = await gql(t.url, INBOX, { first: 1 }, adminToken);
    const secondPage = await gql(t.url, INBOX, { first: 1, after: firstPage.data.approvalRequests[0].id }, adminToken);
    expect([...firstPage.data.approvalRequests, ...secondPage.data.approvalRequests].map((each: { id: string }) => each.id)).toEqual(
      all.data.approvalRequests.slice(0, 2).map((each: { id: string }) => each.id),
    );

    // Someone of another workspace finds neither the list nor the request.
    const other = await t.app.get(WorkspacesService).create('Other workspace', `wk_${randomUUID()}`);
    const users = t.app.get(UsersService);
    const email = `stranger-${randomUUID().slice(0, 6)}@example.test`;
    const stranger = await users.create({ email, password: 'stranger-password', name: 'Stranger' });
    await users.setRole(stranger.id, other.id, 'admin');
    const strangerToken = await login(t.url, email, 'stranger-password', other.id);
    expect((await gql(t.url, INBOX, {}, strangerToken)).data.approvalRequests).toEqual([]);
    const foreign = await decide(strangerToken, { id: all.data.approvalRequests[0].id, decision: 'APPROVE' });
    expect(foreign.errors).toEqual([expect.objectContaining({ message: `Approval request ${all.data.approvalRequests[0].id} not found`, extensions: { code: 'NOT_FOUND' } })]);
  });

  it('a gate whose assignees cannot be resolved fails the run with the API\'s message', async () => {
    const badEvent = `Bad Gate ${randomUUID().slice(0, 6)}`;
    const definition = offerPlaybook(badEvent);
    definition.nodes['approve-offer'] = { kind: 'approval', assignees: { roles: ['sales-manager'] }, timeout: '2d', onTimeout: 'reject' };
    const created = await gql(t.url, CREATE, { input: { name: `Bad gate ${badEvent}`, definition } }, pat.token);
    expect((await gql(t.url, PUBLISH, { id: created.data.createPlaybook.id }, pat.token)).errors).toBeUndefined();
    expect((await postSegment(t, 'track', { userId: `user-${randomUUID()}`, event: badEvent })).status).toBe(200);
    const failed = await waitFor('the run to fail', async () => {
      const runs = (await gql(t.url, `{ runs(filter: { status: failed }) { id playbookName error steps { stepId status error } } }`, {}, adminToken)).data?.runs;
      return runs?.find((run: { playbookName: string }) => run.playbookName === `Bad gate ${badEvent}`);
    }, 60_000);
    const message = "assignees: 'sales-manager' is not a workspace role (roles: admin, editor, approver, operator)";
    expect(failed.error).toBe(message);
    expect(failed.steps).toEqual([{ stepId: 'approve-offer', status: 'failed', error: message }]);
  });

  it('a request whose run was terminated cannot be decided, and says why', async () => {
    const { request } = await enrollAndWaitForGate('Tess');
    const run = (await gql(t.url, `query($id: ID!) { run(id: $id) { workflowId } }`, { id: request.runId }, adminToken)).data.run;
    await temporal.client.workflow.getHandle(run.workflowId).terminate('operator stopped it');
    const result = await decide(ann.token, { id: request.id, decision: 'APPROVE' });
    expect(result.errors).toEqual([
      expect.objectContaining({ message: 'The run of this approval request is no longer running: nothing can be decided', extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
    expect(await findAll(t, ApprovalDecisionEntity, { requestId: request.id })).toEqual([]);
  });

  it('refuses a page size out of range, naming the argument', async () => {
    const result = await gql(t.url, INBOX, { first: 500 }, ann.token);
    expect(result.errors).toEqual([expect.objectContaining({ message: 'first must be between 1 and 200 (got 500)', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
  });

  it('refuses a comment that is too long, naming the field', async () => {
    const result = await decide(ann.token, { id: randomUUID(), decision: 'APPROVE', comment: 'x'.repeat(2001) });
    expect(result.errors).toEqual([expect.objectContaining({ message: 'input.comment must be at most 2000 characters (got 2001)', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
  });
});

describe.each(databaseKindsUnderTest())('worker API /internal/approvals on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;
  let pat: { id: string; token: string };
  let ann: { id: string; token: string };
  let ada: { id: string; token: string };
  let playbook: { playbookId: string; version: number };

  beforeAll(async () => {
    t = await startTestApp(kind);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    const users = t.app.get(UsersService);
    const member = async (name: string, role: 'editor' | 'approver' | 'admin') => {
      const email = `${name}-${randomUUID().slice(0, 6)}@example.test`;
      const user = await users.create({ email, password: 'member-password', name });
      await users.setRole(user.id, workspaceId, role);
      return { id: user.id, email, token: await login(t.url, email, 'member-password') };
    };
    pat = await member('pat', 'editor');
    ann = await member('ann', 'approver');
    ada = await member('ada', 'admin');
    const created = await gql(t.url, CREATE, { input: { name: 'Gate', definition: offerPlaybook('Gate Event') } }, pat.token);
    playbook = (await gql(t.url, PUBLISH, { id: created.data.createPlaybook.id }, pat.token)).data.publishPlaybook;
  });
  afterAll(async () => t?.close());

  async function newRun() {
    const key = randomUUID();
    return t.app.get(RunsService).ensureRun({
      workspaceId,
      playbookId: playbook.playbookId,
      playbookName: 'Gate',
      playbookVersion: playbook.version,
      workflowId: `tripline:${workspaceId}:${key}`,
      enrollmentKey: key,
      subject: { kind: 'person', id: `person-${key}` },
    });
  }

  const openBody = (run: { id: string; workflowId: string }, overrides: Record<string, unknown> = {}) => ({
    workspaceId,
    runId: run.id,
    key: `${run.workflowId}:approve-offer:1`,
    stepId: 'approve-offer',
    visit: 1,
    stepLabel: 'Manager approves',
    assignees: { roles: ['approver'] },
    escalateTo: { users: [ada.id] },
    summary: { text: 'person ann@example.com', subject: { kind: 'person', id: 'p1', label: 'ann@example.com' } },
    dueAt: new Date(Date.now() + 60_000).toISOString(),
    ...overrides,
  });

  it('opens a request once per key, with the publisher as requester and the role resolved to members', async () => {
    const run = await newRun();
    const first = await internalRequest(t, 'POST', '/internal/approvals', openBody(run));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ requestId: expect.any(String), status: 'pending', approverIds: [ann.id], requesterId: pat.id, escalatedAt: null, outcome: null });
    const again = await internalRequest(t, 'POST', '/internal/approvals', openBody(run));
    expect(again.body).toEqual(first.body);
    expect(await findAll(t, ApprovalRequestEntity, { runId: run.id })).toHaveLength(1);
  });

  it('refuses unknown roles and users with a 422 naming each, and a call without the internal token', async () => {
    const run = await newRun();
    const bad = await internalRequest(t, 'POST', '/internal/approvals', openBody(run, { assignees: { roles: ['sales-manager'] }, escalateTo: { users: ['nobody@example.test'] } }));
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe(
      "assignees: 'sales-manager' is not a workspace role (roles: admin, editor, approver, operator); escalateTo: user 'nobody@example.test' is not a member of this workspace",
    );
    expect(await findAll(t, ApprovalRequestEntity, { runId: run.id })).toEqual([]);
    expect((await internalRequest(t, 'POST', '/internal/approvals', openBody(run), null)).status).toBe(401);
    expect((await internalRequest(t, 'POST', '/internal/approvals', { ...openBody(run), visit: 0 })).status).toBe(400);
  });

  it('escalates once (the approvers are replaced) and closes once; a contradicting close is a conflict', async () => {
    const run = await newRun();
    const { requestId } = (await internalRequest(t, 'POST', '/internal/approvals', openBody(run))).body;
    const at = new Date().toISOString();
    const escalate = { workspaceId, at, dueAt: new Date(Date.now() + 120_000).toISOString() };
    const escalated = await internalRequest(t, 'POST', `/internal/approvals/${requestId}/escalate`, escalate);
    expect(escalated).toEqual({ status: 200, body: { approverIds: [ada.id], escalatedAt: at } });
    const twice = await internalRequest(t, 'POST', `/internal/approvals/${requestId}/escalate`, { ...escalate, at: new Date(Date.now() + 5000).toISOString() });
    expect(twice.body).toEqual(escalated.body);

    // After the escalation, ann no longer sees it; the admin sees it, escalated, and may decide it.
    const ids = (inbox: { data: { approvalRequests: { id: string }[] } | null }) => inbox.data!.approvalRequests.map((each) => each.id);
    expect(ids(await gql(t.url, INBOX, {}, ann.token))).not.toContain(requestId);
    const seen = (await gql(t.url, INBOX, {}, ada.token)).data.approvalRequests.find((each: { id: string }) => each.id === requestId);
    expect(seen).toMatchObject({ id: requestId, canDecide: true, escalatedAt: at, approvers: [{ id: ada.id }] });

    const close = { workspaceId, decision: 'approve', decidedBy: 'system', comment: null, reason: 'timeout', decidedAt: new Date().toISOString() };
    expect(await internalRequest(t, 'POST', `/internal/approvals/${requestId}/close`, close)).toEqual({ status: 200, body: { requestId, status: 'expired' } });
    expect((await internalRequest(t, 'POST', `/internal/approvals/${requestId}/close`, close)).body).toEqual({ requestId, status: 'expired' });
    const contradicting = await internalRequest(t, 'POST', `/internal/approvals/${requestId}/close`, { ...close, decision: 'reject' });
    expect(contradicting.status).toBe(409);
    expect(await findAll(t, ApprovalDecisionEntity, { requestId })).toEqual([expect.objectContaining({ decision: 'approve', decidedBy: 'system', reason: 'timeout' })]);

    // A reset that replays the gate finds the request closed, with its outcome.
    const reopened = await internalRequest(t, 'POST', '/internal/approvals', openBody(run));
    expect(reopened.body).toMatchObject({ requestId, status: 'expired', approverIds: [ada.id], outcome: { decision: 'approve', decidedBy: 'system', reason: 'timeout', stepId: 'approve-offer' } });

    // Closed by the system: the inbox says so, and nobody can decide it any more.
    const closed = (await gql(t.url, INBOX, {}, ada.token)).data.approvalRequests.find((each: { id: string }) => each.id === requestId);
    expect(closed).toMatchObject({ status: 'EXPIRED', decision: 'APPROVE', decidedBy: null, decidedBySystem: true, closeReason: 'timeout', canDecide: false });
    const late = await gql(t.url, DECIDE, { input: { id: requestId, decision: 'REJECT' } }, ada.token);
    expect(late.errors).toEqual([expect.objectContaining({ message: 'This approval request has already been decided: expired by the system (timeout)', extensions: { code: 'BAD_USER_INPUT' } })]);
  });
});
