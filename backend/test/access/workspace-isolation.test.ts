import { randomUUID } from 'node:crypto';
import { demoRequestFollowUp, workflowIdForEnrollment, type RunEvent } from '@tripline/playbook';
import { seedEventModel } from '@tripline/scoring';
import { createClient, type Client } from 'graphql-ws';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { UsersService } from '../../src/auth/users.service';
import { BootstrapService } from '../../src/bootstrap/bootstrap.service';
import { RunsService } from '../../src/runs/runs.service';
import { WorkspacesService } from '../../src/workspaces/workspaces.service';
import { waitFor } from '../ingest-support/wait-for';
import { accountIdOf, ago, group, personIdOf, sendBatch, track } from '../scoring-support/scoring-api';
import { gql, login, type GraphqlResponse } from '../support/graphql-client';
import { internalRequest } from '../support/internal-api';
import { startTestApp, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, type TestApp } from '../support/test-app';
import { databaseKindsUnderTest } from '../support/test-databases';
import { OPERATIONS, thingsNamedBy, variablesWith, type Fill, type OperationAccess } from './operations';
import { workspaceSnapshot } from './workspace-snapshot';

jest.setTimeout(120_000);

/** Asks B's own admin, and fails the setup loudly when B's API refuses. */
async function asB<T = any>(t: TestApp, token: string, document: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await gql<T>(t.url, document, variables, token);
  if (!result.data || result.errors) throw new Error(`setting up workspace B failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/**
 * Workspace isolation: workspace B gets one of every kind of thing, made through the real APIs;
 * then workspace A's admin calls EVERY operation of the schema (operations.ts) with B's ids. Each
 * call must come back with nothing (NOT_FOUND, null, an empty list, false) and without any of B's
 * ids or names in it, and afterwards every row of B in the database is exactly as it was.
 */
describe.each(databaseKindsUnderTest())('workspace isolation on %s', (kind) => {
  let t: TestApp;
  let aToken: string;
  let bToken: string;
  let fill: Fill;
  /** Strings that only B's data contains: none may show up in an answer to A (unless A sent it). */
  let bMarkers: string[];
  let bWorkspaceId: string;
  let bTag: string;
  let bPlaybookId: string;
  let bRunId: string;
  let bApprovalRequestId: string;
  let before: Record<string, string[]>;
  const clients: Client[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    aToken = await login(t.url, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
    const users = t.app.get(UsersService);
    const tag = randomUUID().slice(0, 8);
    bTag = tag;

    // Workspace B and its admin (the way first-start seeding makes one).
    const writeKey = `wk_${randomUUID()}`;
    const b = await t.app.get(WorkspacesService).create(`Workspace B ${tag}`, writeKey);
    bWorkspaceId = b.id;
    const bAdminEmail = `b-admin-${tag}@example.test`;
    const bAdmin = await users.create({ email: bAdminEmail, password: 'b admin password', name: `B admin ${tag}` });
    await users.setRole(bAdmin.id, b.id, 'admin');
    bToken = await login(t.url, bAdminEmail, 'b admin password', b.id);

    // A second member, added by B's admin (audited in B).
    const bEditorEmail = `b-editor-${tag}@example.test`;
    const bEditor = (await asB(t, bToken, `mutation($input: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $input) { id } }`, {
      input: { email: bEditorEmail, name: `B editor ${tag}`, role: 'editor', password: 'b editor password' },
    })).addWorkspaceMember;

    // A published playbook (version 1) and a published scoring model.
    const playbookName = `B playbook ${tag}`;
    const definition = { ...JSON.parse(JSON.stringify(demoRequestFollowUp)), name: playbookName, trigger: { kind: 'event', event: `B only ${tag}` } };
    bPlaybookId = (await asB(t, bToken, `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`, { input: { name: playbookName, definition } }))
      .createPlaybook.id;
    await asB(t, bToken, `mutation($id: ID!) { publishPlaybook(id: $id) { version } }`, { id: bPlaybookId });
    const modelName = `B model ${tag}`;
    const bModelId = (await asB(t, bToken, `mutation($input: CreateScoringModelInput!) { createScoringModel(input: $input) { id } }`, {
      input: { name: modelName, definition: seedEventModel() },
    })).createScoringModel.id;
    await asB(t, bToken, `mutation($id: ID!) { publishScoringModel(id: $id) { version } }`, { id: bModelId });

    // A connection with a webhook trigger switched on.
    const connectionName = `b-segment-${tag}`;
    const bConnectionId = (await asB(t, bToken, `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
      input: { name: connectionName, connector: 'segment', config: { sharedSecret: `b-secret-${tag}` } },
    })).createConnection.id;
    await asB(t, bToken, `mutation($c: ID!) { enableConnectionTrigger(connectionId: $c, trigger: "webhookDestination") { enabled } }`, { c: bConnectionId });

    // Outreach limits.
    const suppressedEmail = `b-suppressed-${tag}@example.test`;
    await asB(t, bToken, `mutation($email: String!) { addEmailSuppression(email: $email, note: "B only") { id } }`, { email: suppressedEmail });
    await asB(t, bToken, `mutation { setFrequencyCaps(rules: [{ channel: email, max: 3, days: 7 }]) { updatedAt } }`);

    // A person and an account with scores, through ingest with B's write key.
    const userId = `b-user-${tag}`;
    const groupId = `b-account-${tag}`;
    await sendBatch(
      t,
      [
        { type: 'identify', userId, traits: { email: `b-person-${tag}@example.test`, name: `B person ${tag}` }, timestamp: ago(1), messageId: `b-id-${tag}` },
        group(userId, groupId, { name: `B account ${tag}` }),
        track(userId, 'Trial Started', ago(0, 60)),
      ],
      writeKey,
    );
    const bPersonId = await personIdOf(t, b.id, userId);
    const bAccountId = await accountIdOf(t, b.id, groupId);

    // A run of the playbook (as the dispatcher makes it) with a step, an approval gate waiting on it,
    // and an operator action on it (refused: a running run cannot be retried, but it is recorded).
    const run = await t.app.get(RunsService).ensureRun({
      workspaceId: b.id,
      playbookId: bPlaybookId,
      playbookName,
      playbookVersion: 1,
      workflowId: workflowIdForEnrollment(b.id, `b-enrollment-${tag}`),
      enrollmentKey: `b-enrollment-${tag}`,
      subject: { kind: 'person', id: bPersonId },
    });
    bRunId = run.id;
    await reportRun({ type: 'run', runId: bRunId, workspaceId: b.id, status: 'running', at: new Date().toISOString() });
    await reportRun({ type: 'step', runId: bRunId, workspaceId: b.id, stepId: 'has-email', kind: 'condition', status: 'completed', port: 'yes', at: new Date().toISOString() });
    const opened = await internalRequest(t, 'POST', '/internal/approvals', {
      workspaceId: b.id,
      runId: bRunId,
      key: `${run.workflowId}:approve:1`,
      stepId: 'approve',
      visit: 1,
      stepLabel: 'B approves',
      assignees: { roles: ['editor'] },
      escalateTo: null,
      summary: { text: `B summary ${tag}`, subject: { kind: 'person', id: bPersonId, label: `B person ${tag}` } },
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    if (opened.status !== 200) throw new Error(`opening B's approval request failed: ${JSON.stringify(opened.body)}`);
    bApprovalRequestId = opened.body.requestId;
    const retried = await gql(t.url, `mutation($id: ID!) { retryRun(id: $id) { id } }`, { id: bRunId }, bToken);
    expect(retried.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // An approval policy of its own, a change request waiting for B's editor, and the signed link
    // of the email that tells the editor about it (what the changeApproval workflow asks for).
    await asB(t, bToken, `mutation($policy: JSON!) { updateApprovalPolicy(policy: $policy) { version } }`, {
      policy: { levels: [{ name: `B approval ${tag}`, approvers: { roles: ['editor'] }, required: 1, when: { always: true }, timeout: '3d' }] },
    });
    await asB(t, bToken, `mutation($id: ID!, $input: UpdatePlaybookDraftInput!) { updatePlaybookDraft(id: $id, input: $input) { id } }`, {
      id: bPlaybookId,
      input: { description: `B change ${tag}` },
    });
    const bChangeRequestId = (await asB(t, bToken, `mutation($input: SubmitChangeRequestInput!) { submitChangeRequest(input: $input) { id status } }`, {
      input: { kind: 'publishPlaybook', targetId: bPlaybookId, title: `B change request ${tag}` },
    })).submitChangeRequest.id;
    const notifications = await internalRequest(t, 'POST', `/internal/change-requests/${bChangeRequestId}/notifications`, {
      workspaceId: b.id,
      attempt: 1,
      level: 0,
      reason: 'opened',
      sequence: 0,
    });
    const editorMessage = (notifications.body.messages ?? []).find((message: { userId: string }) => message.userId === bEditor.id);
    const link = /[?&]token=([^\s"'&<>]+)/.exec(editorMessage?.text ?? '');
    if (!link) throw new Error(`no approval link for B's editor: ${JSON.stringify(notifications.body)}`);

    fill = {
      ids: {
        workspace: b.id,
        member: bAdmin.id,
        playbook: bPlaybookId,
        scoringModel: bModelId,
        connection: bConnectionId,
        run: bRunId,
        approvalRequest: bApprovalRequestId,
        person: bPersonId,
        account: bAccountId,
        suppressedEmail,
        changeRequest: bChangeRequestId,
        changeRequestLink: decodeURIComponent(link[1]!),
      },
      caller: { email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD },
    };
    bMarkers = [
      ...Object.values(fill.ids),
      bEditor.id,
      tag,
      run.workflowId,
      writeKey,
    ];
    before = await workspaceSnapshot(t.app.get(DataSource), b.id);
    expect(Object.values(before).every((rows) => Array.isArray(rows))).toBe(true);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await t?.close();
  });

  async function reportRun(event: RunEvent): Promise<void> {
    const answer = await internalRequest(t, 'POST', `/internal/runs/${event.runId}/events`, event);
    if (answer.status !== 200) throw new Error(`run event refused: ${JSON.stringify(answer.body)}`);
  }

  it('B really has one of every kind of thing (else the isolation checks below prove nothing)', async () => {
    const seen = await asB(
      t,
      bToken,
      `query($run: ID!, $person: ID) {
        playbooks { id versions { version } } scoringModels { id publishedVersion } connections { id } connectionTriggers { trigger enabled }
        run(id: $run) { id steps { stepId } } runOperations(runId: $run) { action outcome } approvalRequests { id }
        emailSuppressions { email } frequencyCaps { rules { max } } workspaceMembers { id } profile(personId: $person) { subjectId }
        auditLog { entries { action } } changeRequests { id status } }`,
      { run: bRunId, person: fill.ids.person },
    );
    expect(seen.playbooks).toEqual([{ id: bPlaybookId, versions: [{ version: 1 }] }]);
    expect(seen.scoringModels).toContainEqual({ id: fill.ids.scoringModel, publishedVersion: 1 });
    expect(seen.connections).toEqual([{ id: fill.ids.connection }]);
    expect(seen.connectionTriggers).toEqual([{ trigger: 'webhookDestination', enabled: true }]);
    expect(seen.run.steps).toEqual([{ stepId: 'has-email' }]);
    expect(seen.runOperations).toEqual([{ action: 'retry', outcome: 'failed' }]);
    expect(seen.approvalRequests).toEqual([{ id: bApprovalRequestId }]);
    expect(seen.emailSuppressions).toEqual([{ email: fill.ids.suppressedEmail }]);
    expect(seen.frequencyCaps.rules).toEqual([{ max: 3 }]);
    expect(seen.workspaceMembers).toHaveLength(2);
    expect(seen.profile.subjectId).toBe(fill.ids.person);
    expect(seen.auditLog.entries.map((entry: { action: string }) => entry.action)).toEqual(expect.arrayContaining(['member.added', 'playbook.published']));
    expect(seen.changeRequests).toEqual([{ id: fill.ids.changeRequest, status: 'pending' }]);
    // The link opens the request for the user it was made for (so A being refused below means something).
    const editorToken = await login(t.url, `b-editor-${bTag}@example.test`, 'b editor password', bWorkspaceId);
    const opened = await gql(t.url, `query($token: String!) { openChangeRequestLink(token: $token) { id } }`, { token: fill.ids.changeRequestLink }, editorToken);
    expect(opened.data).toEqual({ openChangeRequestLink: { id: fill.ids.changeRequest } });
    expect(Object.entries(before).filter(([, rows]) => rows.length > 0).map(([table]) => table)).toEqual(
      expect.arrayContaining(['playbooks', 'playbook_versions', 'runs', 'run_steps', 'run_operations', 'approval_requests', 'connections', 'persons', 'accounts', 'memberships', 'change_requests', 'approval_policies']),
    );
  });

  const calls = Object.entries(OPERATIONS).filter(([, operation]) => operation.kind !== 'subscription');

  it.each(calls)("%s as workspace A's admin with B's ids gets nothing of B", async (name, operation) => {
    const variables = variablesWith(operation, fill);
    const result = await gql(t.url, operation.document, variables, operation.allowed === 'public' ? undefined : aToken);
    expect({ name, outcome: isolationOutcome(name, operation, result) }).toEqual({ name, outcome: 'isolated' });
    const sent = JSON.stringify(variables);
    const leaked = bMarkers.filter((marker) => !sent.includes(marker) && JSON.stringify(result).includes(marker));
    expect({ name, leaked }).toEqual({ name, leaked: [] });
  });

  it("approvalRequests refuses B's request as a cursor without saying whether it exists", async () => {
    const result = await gql(t.url, `query($after: ID) { approvalRequests(after: $after) { id } }`, { after: bApprovalRequestId }, aToken);
    expect(result.errors?.[0]).toMatchObject({ message: `after: no approval request ${bApprovalRequestId} in your workspace`, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it("runUpdated for B's run (and B's playbook) delivers nothing to A, while B's own subscriber gets the update", async () => {
    const subscribe = (token: string, variables: Record<string, unknown>) => {
      const client = createClient({ url: `${t.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { token }, retryAttempts: 0 });
      clients.push(client);
      const received: unknown[] = [];
      const errors: unknown[] = [];
      client.subscribe(
        { query: `subscription($runId: ID, $playbookId: ID) { runUpdated(runId: $runId, playbookId: $playbookId) { id status } }`, variables },
        { next: (value) => received.push(value), error: (error) => errors.push(error), complete: () => undefined },
      );
      return { received, errors };
    };
    const aByRun = subscribe(aToken, { runId: bRunId });
    const aByPlaybook = subscribe(aToken, { playbookId: bPlaybookId });
    const aEverything = subscribe(aToken, {});
    const bOwn = subscribe(bToken, { runId: bRunId });
    // Every subscription is listening once B's subscriber is (they started first).
    await new Promise((resolve) => setTimeout(resolve, 500));

    await reportRun({ type: 'step', runId: bRunId, workspaceId: bWorkspaceId, stepId: 'approve', kind: 'approval', status: 'running', at: new Date().toISOString() });
    await waitFor("B's subscriber to get the update", async () => bOwn.received.length > 0, 10_000, 20);
    // Give A's subscriptions every chance to (wrongly) get it too.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bOwn.received[0]).toEqual({ data: { runUpdated: { id: bRunId, status: 'running' } } });
    expect({ byRun: aByRun, byPlaybook: aByPlaybook, everything: aEverything }).toEqual({
      byRun: { received: [], errors: [] },
      byPlaybook: { received: [], errors: [] },
      everything: { received: [], errors: [] },
    });
    // This test changed B's run on purpose (through the worker API); the next check must not count it.
    before = await workspaceSnapshot(t.app.get(DataSource), bWorkspaceId);
  });

  it('left every row of workspace B exactly as it was', async () => {
    const after = await workspaceSnapshot(t.app.get(DataSource), bWorkspaceId);
    const changedTables = Object.keys({ ...before, ...after }).filter((table) => JSON.stringify(before[table]) !== JSON.stringify(after[table]));
    expect(changedTables).toEqual([]);
  });
});

/** 'isolated' when the answer is what another workspace's id must get; otherwise what came back. */
function isolationOutcome(name: string, operation: OperationAccess, result: GraphqlResponse): string {
  const error = result.errors?.[0];
  const expected = operation.isolation ?? 'nothing';
  if (expected !== 'nothing') return error?.extensions?.code === expected ? 'isolated' : `expected ${expected}, got ${JSON.stringify(result)}`;
  if (thingsNamedBy(operation).length === 0) {
    // Nothing of B named: any ordinary answer (the leak check covers what it holds).
    return error?.extensions?.code === 'INTERNAL_SERVER_ERROR' ? `internal error: ${error.message}` : 'isolated';
  }
  if (error) return error.extensions?.code === 'NOT_FOUND' ? 'isolated' : `${error.extensions?.code}: ${error.message}`;
  return isEmpty(result.data?.[name]) ? 'isolated' : `an answer: ${JSON.stringify(result.data)}`;
}

/** null, false, '', [] or an object whose fields are all empty (e.g. an empty page). */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(isEmpty);
  return false;
}
