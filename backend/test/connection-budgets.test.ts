import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { hubspotConnector, startFakeHubSpot } from '@tripline/connector-hubspot';
import { createRegistry } from '@tripline/connector-sdk';
import { demoRequestFollowUp, workflowIdForEnrollment, type RunEvent } from '@tripline/playbook';
import { DataSource } from 'typeorm';
import { createActivities } from '../../workflow-workers/src/activities/create-activities';
import { HttpWorkerApi } from '../../workflow-workers/src/worker-api/http-worker-api';
import { UsersService } from '../src/auth/users.service';
import type { Role } from '../src/auth/principal';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { ConnectionVendorQuotaEntity } from '../src/connections/budget/vendor-quota.entity';
import { RunsService } from '../src/runs/runs.service';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { gql, login, loginAsAdmin } from './support/graphql-client';
import { internalRequest } from './support/internal-api';
import { startTestApp, TEST_INTERNAL_TOKEN, type TestApp } from './support/test-app';
import { databaseKindsUnderTest } from './support/test-databases';

const OPTIONS = `query($connector: String) { connectionOptions(connector: $connector) { id name connector health healthNote } }`;
const BUDGETS = `query($connectionId: ID) { connectionBudgets(connectionId: $connectionId) {
  connectionId name connector ratePerSecond rateSource callsLastMinute callsLastHour callsLastDay
  vendorQuota { remaining limit period observedAt } health healthNote } }`;

const SECONDS = 1000;
const MINUTES = 60 * SECONDS;
const HOURS = 60 * MINUTES;

/**
 * connectionOptions and connectionBudgets (connections/budget/): editors see names, health and usage
 * of their own workspace, never a config; calls are counted from the run steps the worker reports
 * through /internal/runs/:id/events, vendor quotas from /internal/.../vendor-quota.
 */
describe.each(databaseKindsUnderTest())('connection options and budgets on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;
  let adminToken: string;
  let editorToken: string;
  let smtp: { id: string; name: string };
  let hubspot: { id: string; name: string };

  async function tokenOf(role: Role, inWorkspace = workspaceId): Promise<string> {
    const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
    const password = `password-${randomUUID()}`;
    const users = t.app.get(UsersService);
    const user = await users.create({ email, password, name: role });
    await users.setRole(user.id, inWorkspace, role);
    return login(t.url, email, password, inWorkspace);
  }

  async function createConnection(token: string, name: string, connector: string, config: Record<string, unknown>) {
    const created = await gql(t.url, `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id name } }`, { input: { name, connector, config } }, token);
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    return created.data.createConnection as { id: string; name: string };
  }

  /** Publishes the demo playbook with its action step pointed at `connection` (an id or a name). */
  async function publishUsing(token: string, connection: string): Promise<{ id: string; name: string }> {
    const definition = JSON.parse(JSON.stringify(demoRequestFollowUp));
    definition.nodes['send-confirmation'].connection = connection;
    const name = `Budget playbook ${randomUUID().slice(0, 8)}`;
    const created = await gql(t.url, `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`, { input: { name, definition } }, token);
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    const published = await gql(t.url, `mutation($id: ID!) { publishPlaybook(id: $id) { version } }`, { id: created.data.createPlaybook.id }, token);
    if (!published.data) throw new Error(JSON.stringify(published.errors));
    return { id: created.data.createPlaybook.id, name };
  }

  /** A run of the playbook as the dispatcher makes it, and one step event per entry, reported as the worker does. */
  async function runWithSteps(inWorkspace: string, playbook: { id: string; name: string }, steps: { stepId: string; kind: 'action' | 'condition'; status: 'completed' | 'skipped' | 'failed'; agoMs: number }[]) {
    const enrollmentKey = `budget-${randomUUID()}`;
    const run = await t.app.get(RunsService).ensureRun({
      workspaceId: inWorkspace,
      playbookId: playbook.id,
      playbookName: playbook.name,
      playbookVersion: 1,
      workflowId: workflowIdForEnrollment(inWorkspace, enrollmentKey),
      enrollmentKey,
      subject: { kind: 'person', id: `person-${enrollmentKey}` },
    });
    for (const step of steps) {
      const event: RunEvent = { type: 'step', runId: run.id, workspaceId: inWorkspace, stepId: step.stepId, kind: step.kind, status: step.status, at: new Date(Date.now() - step.agoMs).toISOString() };
      const answer = await internalRequest(t, 'POST', `/internal/runs/${run.id}/events`, event);
      if (answer.status !== 200) throw new Error(`run event refused: ${JSON.stringify(answer.body)}`);
    }
  }

  const reportQuota = (connection: string, body: unknown, inWorkspace = workspaceId) =>
    internalRequest(t, 'POST', `/internal/workspaces/${inWorkspace}/connections/${encodeURIComponent(connection)}/vendor-quota`, body);

  beforeAll(async () => {
    t = await startTestApp(kind);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    adminToken = await loginAsAdmin(t.url);
    editorToken = await tokenOf('editor');
    smtp = await createConnection(adminToken, 'budget-smtp', 'email', { host: 'smtp.example.test', port: 587, password: 'smtp-secret-pw', from: 'a@example.test' });
    hubspot = await createConnection(adminToken, 'budget-hubspot', 'hubspot', { accessToken: 'pat-secret-token-123' });
  });
  afterAll(async () => t?.close());

  it("lists the workspace's connections to editors, filtered by connector, without configs", async () => {
    const all = await gql(t.url, OPTIONS, {}, editorToken);
    expect(all.errors).toBeUndefined();
    const names = all.data.connectionOptions.map((option: { name: string }) => option.name);
    expect(names).toEqual(expect.arrayContaining(['budget-hubspot', 'budget-smtp']));
    expect(JSON.stringify(all.data)).not.toMatch(/smtp-secret-pw|pat-secret-token-123|smtp\.example\.test/);

    const onlyHubspot = await gql(t.url, OPTIONS, { connector: 'hubspot' }, editorToken);
    expect(onlyHubspot.data.connectionOptions).toEqual([{ id: hubspot.id, name: 'budget-hubspot', connector: 'hubspot', health: 'ok', healthNote: null }]);

    const asking = await gql(t.url, `{ connectionOptions { id config } }`, {}, editorToken);
    expect(asking.errors?.[0]?.message).toMatch(/Cannot query field "config"/);
  });

  it.each(['viewer', 'operator', 'approver'] as const)('refuses %s', async (role) => {
    const token = await tokenOf(role);
    for (const document of [OPTIONS, BUDGETS]) {
      const refused = await gql(t.url, document, {}, token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('flags a connection whose connector this server does not have', async () => {
    const orphan = await createConnection(adminToken, 'budget-orphan', 'not-installed', {});
    const options = await gql(t.url, OPTIONS, { connector: 'not-installed' }, editorToken);
    expect(options.data.connectionOptions).toEqual([
      { id: orphan.id, name: 'budget-orphan', connector: 'not-installed', health: 'connectorMissing', healthNote: 'The connector is not installed on this server' },
    ]);
    await gql(t.url, `mutation($id: ID!) { deleteConnection(id: $id) }`, { id: orphan.id }, adminToken);
  });

  it('counts action steps through a connection in the last minute, hour and day, by name and by id', async () => {
    const byName = await publishUsing(adminToken, 'budget-smtp');
    const byId = await publishUsing(adminToken, smtp.id);
    await runWithSteps(workspaceId, byName, [
      { stepId: 'has-email', kind: 'condition', status: 'completed', agoMs: 31 * SECONDS },
      { stepId: 'send-confirmation', kind: 'action', status: 'completed', agoMs: 30 * SECONDS },
      // The undo of that step calls the same connection.
      { stepId: 'send-confirmation:undo', kind: 'action', status: 'completed', agoMs: 2 * SECONDS },
    ]);
    await runWithSteps(workspaceId, byName, [{ stepId: 'send-confirmation', kind: 'action', status: 'failed', agoMs: 10 * MINUTES }]);
    await runWithSteps(workspaceId, byName, [{ stepId: 'send-confirmation', kind: 'action', status: 'completed', agoMs: 3 * HOURS }]);
    await runWithSteps(workspaceId, byName, [{ stepId: 'send-confirmation', kind: 'action', status: 'completed', agoMs: 25 * HOURS }]);
    // Suppressed or capped: skipped before any vendor call.
    await runWithSteps(workspaceId, byName, [{ stepId: 'send-confirmation', kind: 'action', status: 'skipped', agoMs: 5 * SECONDS }]);
    await runWithSteps(workspaceId, byId, [{ stepId: 'send-confirmation', kind: 'action', status: 'completed', agoMs: 5 * SECONDS }]);

    // Another workspace's steps through its own connection of the same name never count here.
    const other = await t.app.get(WorkspacesService).create(`Other ${randomUUID().slice(0, 8)}`, `wk_${randomUUID()}`);
    const otherAdmin = await tokenOf('admin', other.id);
    await createConnection(otherAdmin, 'budget-smtp', 'email', { host: 'other.example.test' });
    const otherPlaybook = await publishUsing(otherAdmin, 'budget-smtp');
    await runWithSteps(other.id, otherPlaybook, [{ stepId: 'send-confirmation', kind: 'action', status: 'completed', agoMs: 1 * SECONDS }]);

    const budgets = await gql(t.url, BUDGETS, { connectionId: smtp.id }, editorToken);
    expect(budgets.errors).toBeUndefined();
    expect(budgets.data.connectionBudgets).toEqual([
      {
        connectionId: smtp.id,
        name: 'budget-smtp',
        connector: 'email',
        ratePerSecond: expect.any(Number),
        rateSource: 'declared',
        callsLastMinute: 3,
        callsLastHour: 4,
        callsLastDay: 5,
        vendorQuota: null,
        health: 'ok',
        healthNote: null,
      },
    ]);

    const theirs = await gql(t.url, `{ connectionBudgets { name callsLastDay } }`, {}, otherAdmin);
    expect(theirs.data.connectionBudgets).toEqual(expect.arrayContaining([{ name: 'budget-smtp', callsLastDay: 1 }]));
    // A's own id asked from B: nothing.
    const crossed = await gql(t.url, BUDGETS, { connectionId: smtp.id }, otherAdmin);
    expect(crossed.data.connectionBudgets).toEqual([]);
  });

  it('shows the declared rate, or the TRIPLINE_<NAME>_RATE_PER_SECOND override the worker also reads', async () => {
    const declared = await gql(t.url, BUDGETS, { connectionId: hubspot.id }, editorToken);
    expect(declared.data.connectionBudgets[0]).toMatchObject({ ratePerSecond: 10, rateSource: 'declared' });
    process.env.TRIPLINE_HUBSPOT_RATE_PER_SECOND = '4';
    try {
      const overridden = await gql(t.url, BUDGETS, { connectionId: hubspot.id }, editorToken);
      expect(overridden.data.connectionBudgets[0]).toMatchObject({ ratePerSecond: 4, rateSource: 'override' });
    } finally {
      delete process.env.TRIPLINE_HUBSPOT_RATE_PER_SECOND;
    }
  });

  it('keeps the newest vendor quota the worker reports, and flags a low or used-up allowance', async () => {
    const now = Date.now();
    const first = await reportQuota('budget-hubspot', { remaining: 80, limit: 1000, period: 'day', observedAt: new Date(now - 2000).toISOString() });
    expect(first).toEqual({ status: 200, body: { stored: true } });
    // An older reading arriving late (another activity) does not replace it.
    const stale = await reportQuota(hubspot.id, { remaining: 500, limit: 1000, period: 'day', observedAt: new Date(now - 60_000).toISOString() });
    expect(stale).toEqual({ status: 200, body: { stored: false } });

    let budget = (await gql(t.url, BUDGETS, { connectionId: hubspot.id }, editorToken)).data.connectionBudgets[0];
    expect(budget.vendorQuota).toEqual({ remaining: 80, limit: 1000, period: 'day', observedAt: new Date(now - 2000).toISOString() });
    expect(budget).toMatchObject({ health: 'quotaLow', healthNote: 'The vendor reported 80 of 1000 calls left (today)' });

    expect((await reportQuota(hubspot.id, { remaining: 0, limit: 1000, period: 'day', observedAt: new Date(now).toISOString() })).body).toEqual({ stored: true });
    budget = (await gql(t.url, BUDGETS, { connectionId: hubspot.id }, editorToken)).data.connectionBudgets[0];
    expect(budget).toMatchObject({ vendorQuota: { remaining: 0 }, health: 'quotaExhausted' });
    const options = await gql(t.url, OPTIONS, { connector: 'hubspot' }, editorToken);
    expect(options.data.connectionOptions[0]).toMatchObject({ name: 'budget-hubspot', health: 'quotaExhausted' });
  });

  it('refuses quota reports without the internal token, for unknown connections, other workspaces and bad bodies', async () => {
    const body = { remaining: 1, limit: 10, period: '24h', observedAt: new Date().toISOString() };
    const path = `/internal/workspaces/${workspaceId}/connections/budget-hubspot/vendor-quota`;
    expect((await internalRequest(t, 'POST', path, body, null)).status).toBe(401);
    expect((await reportQuota('no-such-connection', body)).status).toBe(404);
    const other = await t.app.get(WorkspacesService).create(`Quota other ${randomUUID().slice(0, 8)}`, `wk_${randomUUID()}`);
    expect((await reportQuota(hubspot.id, body, other.id)).status).toBe(404);
    const bad = await reportQuota(hubspot.id, { ...body, remaining: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^Invalid vendor quota: remaining/);
  });

  it("stores the daily remaining HubSpot reports to the real worker activity, through the worker API", async () => {
    const fake = await startFakeHubSpot({ dailyLimit: 2000 });
    try {
      const contact = fake.store.create('contacts', { email: 'ada@acme.test' });
      const live = await createConnection(adminToken, 'budget-hubspot-live', 'hubspot', { accessToken: fake.accessToken, baseUrl: fake.url });
      const activities = createActivities({ workerApi: new HttpWorkerApi({ baseUrl: t.url, token: TEST_INTERNAL_TOKEN }), connectors: createRegistry([hubspotConnector]) });
      const environment = new MockActivityEnvironment({ workflowExecution: { workflowId: `tripline:${workspaceId}:budget-live`, runId: 'r' } }, { logger: new DefaultLogger('ERROR') });
      const result = await environment.run(() =>
        activities.executeAction({
          workspaceId,
          runId: 'run-live',
          stepId: 'note',
          visit: 1,
          connector: 'hubspot',
          action: 'createNote',
          connection: 'budget-hubspot-live',
          input: { body: 'Escalated', contactId: contact.id },
          context: {},
        }),
      );
      expect(result).toMatchObject({ fromLedger: false, output: { created: true } });

      const budget = (await gql(t.url, BUDGETS, { connectionId: live.id }, editorToken)).data.connectionBudgets[0];
      expect(budget.vendorQuota).toMatchObject({ limit: 2000, period: 'day' });
      expect(budget.vendorQuota.remaining).toBeLessThan(2000);
      expect(budget.vendorQuota.remaining).toBeGreaterThanOrEqual(2000 - fake.requests.length);
      expect(budget.health).toBe('ok');
    } finally {
      await fake.close();
    }
  });

  it("drops a connection's quota with the connection", async () => {
    const doomed = await createConnection(adminToken, 'budget-doomed', 'salesforce', { instance: 'x' });
    expect((await reportQuota(doomed.id, { remaining: 5, limit: 15000, period: '24h', observedAt: new Date().toISOString() })).body).toEqual({ stored: true });
    const quotas = t.app.get(DataSource).getRepository(ConnectionVendorQuotaEntity);
    expect(await quotas.countBy({ connectionId: doomed.id })).toBe(1);
    await gql(t.url, `mutation($id: ID!) { deleteConnection(id: $id) }`, { id: doomed.id }, adminToken);
    expect(await quotas.countBy({ connectionId: doomed.id })).toBe(0);
  });
});
