import { randomUUID } from 'node:crypto';
import { workflowIdForEnrollment, type RunEvent } from '@tripline/playbook';
import type { Client } from 'graphql-ws';
import { UsersService } from '../src/auth/users.service';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { MASKED } from '../src/runs/mask-secrets';
import { runUpdatedTopic } from '../src/runs/run-updates';
import { RunsService } from '../src/runs/runs.service';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { gql, login, loginAsAdmin } from './support/graphql-client';
import { internalRequest } from './support/internal-api';
import { startTestApp, TestApp } from './support/test-app';
import { databaseKindsUnderTest } from './support/test-databases';
import { subscribeOnTopic } from './support/graphql-subscription';

// Starting the API (migrations, GraphQL schema) can take several seconds on a loaded CI machine.
jest.setTimeout(30_000);

const RUN_FIELDS = `id playbookId playbookName playbookVersion workflowId status subjectKind subjectId error temporalUiUrl
  startedAt updatedAt finishedAt steps { id stepId kind status port input output error startedAt finishedAt }`;
const RUNS = `query Runs($filter: RunFilter) { runs(filter: $filter) { ${RUN_FIELDS} } }`;
const RUN = `query Run($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`;
const RUN_UPDATED = `subscription Updated($runId: ID, $playbookId: ID) { runUpdated(runId: $runId, playbookId: $playbookId) { id playbookId status steps { stepId status } } }`;

describe.each(databaseKindsUnderTest())('runs through GraphQL on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let adminToken: string;
  let viewerToken: string;
  let otherToken: string;
  const playbookA = randomUUID();
  const playbookB = randomUUID();
  const clients: Client[] = [];

  const newRun = (inWorkspace: string, enrollmentKey: string, playbookId = playbookA, subjectId = 'person-1') =>
    t.app.get(RunsService).ensureRun({
      workspaceId: inWorkspace,
      playbookId,
      playbookName: playbookId === playbookA ? 'Demo follow-up' : 'Trial nudge',
      playbookVersion: 2,
      workflowId: workflowIdForEnrollment(inWorkspace, enrollmentKey),
      enrollmentKey,
      subject: { kind: 'person', id: subjectId },
    });
  const report = async (event: RunEvent) => {
    const answer = await internalRequest(t, 'POST', `/internal/runs/${event.runId}/events`, event);
    expect(answer.status).toBe(200);
  };
  const runEvent = (runId: string, inWorkspace: string, status: 'running' | 'completed', at = new Date().toISOString()): RunEvent => ({
    type: 'run',
    runId,
    workspaceId: inWorkspace,
    status,
    at,
  });

  async function userIn(inWorkspace: string, role: 'viewer' | 'operator') {
    const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
    const password = `password-${randomUUID()}`;
    const users = t.app.get(UsersService);
    const user = await users.create({ email, password, name: role });
    await users.setRole(user.id, inWorkspace, role);
    return login(t.url, email, password, inWorkspace);
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    otherWorkspaceId = (await t.app.get(WorkspacesService).create('Other workspace', `wk_${randomUUID()}`)).id;
    adminToken = await loginAsAdmin(t.url);
    viewerToken = await userIn(workspaceId, 'viewer');
    otherToken = await userIn(otherWorkspaceId, 'operator');
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await t?.close();
  });

  it('shows a run with its steps in order, secrets masked, and its Temporal UI link', async () => {
    const run = await newRun(workspaceId, 'enroll-detail');
    const common = { runId: run.id, workspaceId };
    // Steps of one workflow task share a timestamp: order must come from recording order.
    const at = '2025-02-01T09:00:00.000Z';
    await report({ ...common, type: 'run', status: 'running', at });
    await report({ ...common, type: 'step', stepId: 'is-pro', kind: 'condition', status: 'running', at });
    await report({ ...common, type: 'step', stepId: 'is-pro', kind: 'condition', status: 'completed', port: 'yes', at });
    await report({
      ...common,
      type: 'step',
      stepId: 'send',
      kind: 'action',
      status: 'running',
      input: { to: 'ada@example.com', auth: { password: 'hunter2', api_key: 'k1' }, list: [{ secretValue: 's' }] },
      at,
    });
    await report({ ...common, type: 'step', stepId: 'send', kind: 'action', status: 'completed', output: { messageId: '<m@x>', token: 't1' }, at: '2025-02-01T09:00:01.000Z' });

    const result = await gql(t.url, RUN, { id: run.id }, viewerToken);
    expect(result.errors).toBeUndefined();
    const shown = result.data.run;
    expect(shown).toMatchObject({
      id: run.id,
      playbookId: playbookA,
      playbookName: 'Demo follow-up',
      playbookVersion: 2,
      workflowId: `tripline:${workspaceId}:enroll-detail`,
      status: 'running',
      subjectKind: 'person',
      subjectId: 'person-1',
      error: null,
      finishedAt: null,
      temporalUiUrl: `http://localhost:8233/namespaces/default/workflows/${encodeURIComponent(`tripline:${workspaceId}:enroll-detail`)}`,
    });
    expect(shown.steps.map((s: { stepId: string; status: string; port: string | null }) => [s.stepId, s.status, s.port])).toEqual([
      ['is-pro', 'completed', 'yes'],
      ['send', 'completed', null],
    ]);
    expect(shown.steps[1].input).toEqual({ to: 'ada@example.com', auth: { password: MASKED, api_key: MASKED }, list: [{ secretValue: MASKED }] });
    expect(shown.steps[1].output).toEqual({ messageId: '<m@x>', token: MASKED });
    expect(shown.steps[1]).toMatchObject({ startedAt: '2025-02-01T09:00:00.000Z', finishedAt: '2025-02-01T09:00:01.000Z' });
  });

  it('lists the workspace runs newest first, with filters, never another workspace', async () => {
    const first = await newRun(workspaceId, 'enroll-list-1', playbookB, 'person-7');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await newRun(workspaceId, 'enroll-list-2', playbookB, 'person-8');
    await report(runEvent(second.id, workspaceId, 'running'));
    await report(runEvent(second.id, workspaceId, 'completed'));
    const foreign = await newRun(otherWorkspaceId, 'enroll-list-3', playbookB, 'person-7');

    const all = await gql(t.url, RUNS, {}, adminToken);
    expect(all.errors).toBeUndefined();
    const ids: string[] = all.data.runs.map((r: { id: string }) => r.id);
    expect(ids).toContain(first.id);
    expect(ids).not.toContain(foreign.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));

    const byPlaybook = await gql(t.url, RUNS, { filter: { playbookId: playbookB } }, adminToken);
    expect(byPlaybook.data.runs.map((r: { id: string }) => r.id)).toEqual([second.id, first.id]);
    const byStatus = await gql(t.url, RUNS, { filter: { playbookId: playbookB, status: 'completed' } }, adminToken);
    expect(byStatus.data.runs.map((r: { id: string; finishedAt: string }) => r.id)).toEqual([second.id]);
    expect(byStatus.data.runs[0].finishedAt).not.toBeNull();
    const bySubject = await gql(t.url, RUNS, { filter: { subjectId: 'person-7' } }, adminToken);
    expect(bySubject.data.runs.map((r: { id: string }) => r.id)).toEqual([first.id]);
    const limited = await gql(t.url, RUNS, { filter: { limit: 1 } }, adminToken);
    expect(limited.data.runs).toHaveLength(1);

    const foreignView = await gql(t.url, RUNS, { filter: { playbookId: playbookB } }, otherToken);
    expect(foreignView.data.runs.map((r: { id: string }) => r.id)).toEqual([foreign.id]);
  });

  it('answers NOT_FOUND for another workspace run, BAD_USER_INPUT for a bad limit, UNAUTHENTICATED without a token', async () => {
    const foreign = await newRun(otherWorkspaceId, 'enroll-hidden');
    const hidden = await gql(t.url, RUN, { id: foreign.id }, adminToken);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const badLimit = await gql(t.url, RUNS, { filter: { limit: 0 } }, adminToken);
    expect(badLimit.errors?.[0]).toMatchObject({ message: expect.stringContaining('filter.limit'), extensions: { code: 'BAD_USER_INPUT' } });
    const anonymous = await gql(t.url, RUNS, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  describe('runUpdated over graphql-ws', () => {
    type Update = { id: string; playbookId: string; status: string; steps: { stepId: string; status: string }[] };

    function subscribe(token: string, inWorkspace: string, variables: Record<string, unknown> = {}) {
      return subscribeOnTopic<Update>(t, clients, { token, topic: runUpdatedTopic(inWorkspace), query: RUN_UPDATED, variables, field: 'runUpdated' });
    }

    it('delivers updates to clients of the run workspace only, filtered by run and playbook', async () => {
      const run = await newRun(workspaceId, 'enroll-live');
      const sibling = await newRun(workspaceId, 'enroll-live-sibling', playbookB);
      const foreign = await newRun(otherWorkspaceId, 'enroll-live-foreign');

      const everything = await subscribe(adminToken, workspaceId);
      const onlyRun = await subscribe(viewerToken, workspaceId, { runId: run.id });
      const onlyPlaybookB = await subscribe(adminToken, workspaceId, { playbookId: playbookB });
      const otherWorkspace = await subscribe(otherToken, otherWorkspaceId);

      await report(runEvent(run.id, workspaceId, 'running'));
      await report({ type: 'step', runId: run.id, workspaceId, stepId: 'send', kind: 'action', status: 'running', at: new Date().toISOString() });
      // A repeated event changes nothing and publishes nothing.
      await report(runEvent(run.id, workspaceId, 'running', '2025-01-01T00:00:00.000Z'));
      await report(runEvent(run.id, workspaceId, 'completed'));
      await report(runEvent(sibling.id, workspaceId, 'running'));
      await report(runEvent(foreign.id, otherWorkspaceId, 'running'));

      expect(await everything.next()).toMatchObject({ id: run.id, status: 'running', steps: [] });
      expect(await everything.next()).toMatchObject({ id: run.id, status: 'running', steps: [{ stepId: 'send', status: 'running' }] });
      expect(await everything.next()).toMatchObject({ id: run.id, status: 'completed' });
      expect(await everything.next()).toMatchObject({ id: sibling.id, status: 'running' });

      expect((await onlyRun.next()).status).toBe('running');
      expect((await onlyRun.next()).steps).toHaveLength(1);
      expect(await onlyRun.next()).toMatchObject({ id: run.id, status: 'completed' });

      // Everything published before the sibling's update was filtered out for this client.
      expect(await onlyPlaybookB.next()).toMatchObject({ id: sibling.id, playbookId: playbookB });

      // Delivery is in publish order: had any of the first workspace's updates reached this
      // client, it would come before the foreign run's.
      expect(await otherWorkspace.next()).toMatchObject({ id: foreign.id, status: 'running' });
    });

    it('ignores a filter naming another workspace run: nothing of that workspace leaks', async () => {
      const foreign = await newRun(otherWorkspaceId, 'enroll-peek');
      const own = await newRun(workspaceId, 'enroll-peek-own');
      const peeking = await subscribe(adminToken, workspaceId, { runId: foreign.id });
      const everything = await subscribe(adminToken, workspaceId);
      await report(runEvent(foreign.id, otherWorkspaceId, 'running'));
      await report(runEvent(own.id, workspaceId, 'running'));
      // The own-workspace update arrives (so the foreign one, published first, was never sent here).
      expect(await everything.next()).toMatchObject({ id: own.id });
      await expect(peeking.next(300)).rejects.toThrow(/no runUpdated within 300 ms/);
    });
  });
});
