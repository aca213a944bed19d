/**
 * Operator actions against real Temporal: a dev server with the runs' search attributes, the real
 * worker (workflow bundle and email connector) talking to the API over /internal/*, and a real SMTP
 * mail catcher. Runs are made the way users make them: Segment events → published playbook → outbox.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startMailCatcher, type MailCatcher } from '@tripline/connector-email';
import { UsersService } from '../src/auth/users.service';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { LedgerEntryEntity } from '../src/ledger/ledger-entry.entity';
import { RunOperationEntity } from '../src/run-operations/run-operation.entity';
import { RunEntity } from '../src/runs/run.entity';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { dataSourceOf, findAll, messageId, postSegment } from './ingest-support/segment-requests';
import { freePort, startTemporalDevServer } from './ingest-support/temporal-dev-server';
import { waitFor } from './ingest-support/wait-for';
import { installQuietRuntime, startApiWorker } from './run-operations-support/api-worker';
import { longWait, OPS_SMTP, publish, twoEmails } from './run-operations-support/ops-playbooks';
import { gql, login, loginAsAdmin } from './support/graphql-client';
import { startTestApp, TestApp } from './support/test-app';
import { databaseKindsUnderTest } from './support/test-databases';

jest.setTimeout(180_000);

const RUN_FIELDS = `id status workflowId error steps { stepId status }`;
const RETRY = `mutation($id: ID!) { retryRun(id: $id) { ${RUN_FIELDS} } }`;
const CANCEL = `mutation($id: ID!) { cancelRun(id: $id) { ${RUN_FIELDS} } }`;
const RESET = `mutation($id: ID!, $toStep: String) { resetRun(id: $id, toStep: $toStep) { ${RUN_FIELDS} } }`;
const BULK = `mutation($input: BulkRetryRunsInput!) { bulkRetryRuns(input: $input) { runId ok error } }`;
const OPERATIONS = `query($runId: ID!) { runOperations(runId: $runId) { action outcome actorUserId detail error } }`;

interface RunView {
  id: string;
  status: string;
  workflowId: string;
  error: string | null;
  steps: { stepId: string; status: string }[];
}

installQuietRuntime();

describe.each(databaseKindsUnderTest())('operator actions on runs, with real Temporal, on %s', (kind) => {
  let t: TestApp;
  let temporal: TestWorkflowEnvironment;
  let worker: { stop(): Promise<void> };
  let catcher: MailCatcher;
  let workspaceId: string;
  let admin: string;
  let operator: string;
  let operatorId: string;
  let viewer: string;
  let editor: string;
  let outsider: string;
  let connectionId: string;
  let twoEmailsId: string;
  let waitingId: string;
  const testStart = new Date();

  async function userIn(inWorkspace: string, role: 'viewer' | 'editor' | 'operator') {
    const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
    const password = `password-${randomUUID()}`;
    const users = t.app.get(UsersService);
    const user = await users.create({ email, password, name: role });
    await users.setRole(user.id, inWorkspace, role);
    return { token: await login(t.url, email, password, inWorkspace), userId: user.id };
  }

  const run = async (id: string): Promise<RunView> => (await gql(t.url, `query($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`, { id }, admin)).data.run;
  const runOf = (id: string, what: string, done: (r: RunView) => boolean) =>
    waitFor(what, async () => {
      const current = await run(id);
      return done(current) ? current : undefined;
    }, 90_000, 200);

  /** Sends the playbook's event for a new person and returns the run it started. */
  async function enroll(playbookId: string, event: string, firstName: string): Promise<RunView> {
    const before = new Set((await findAll(t, RunEntity, { playbookId })).map((r) => r.id));
    const userId = `ops-${firstName.toLowerCase()}-${randomUUID().slice(0, 6)}`;
    expect((await postSegment(t, 'identify', { userId, traits: { email: `${userId}@example.test`, firstName }, messageId: messageId('id') })).status).toBe(200);
    expect((await postSegment(t, 'track', { userId, event, messageId: messageId('ev') })).status).toBe(200);
    const mine = await waitFor(`the run of ${userId}`, async () => (await findAll(t, RunEntity, { playbookId })).find((r) => !before.has(r.id)));
    return run(mine.id);
  }

  const mailTo = (firstName: string) => catcher.messages().filter((m) => m.subject.endsWith(`for ${firstName}`)).map((m) => m.subject);
  const setOpsSmtp = async (port: number) => {
    const updated = await gql(t.url, `mutation($id: ID!, $input: UpdateConnectionInput!) { updateConnection(id: $id, input: $input) { id } }`, {
      id: connectionId,
      input: { config: { host: '127.0.0.1', port, from: 'Ops <ops@example.test>' } },
    }, admin);
    expect(updated.errors).toBeUndefined();
  };
  const deadPort = () => freePort();

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    const temporalPort = await freePort();
    temporal = await startTemporalDevServer(temporalPort);
    t = await startTestApp(kind, { TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`, TRIPLINE_DEFAULT_SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}` });
    worker = await startApiWorker(temporal, t.url, t.config.temporal.taskQueue);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    admin = await loginAsAdmin(t.url);
    ({ token: operator, userId: operatorId } = await userIn(workspaceId, 'operator'));
    viewer = (await userIn(workspaceId, 'viewer')).token;
    editor = (await userIn(workspaceId, 'editor')).token;
    const other = await t.app.get(WorkspacesService).create('Other workspace', `wk_${randomUUID()}`);
    outsider = (await userIn(other.id, 'operator')).token;

    const created = await gql(t.url, `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
      input: { name: OPS_SMTP, connector: 'email', config: { host: '127.0.0.1', port: await deadPort(), from: 'Ops <ops@example.test>' } },
    }, admin);
    expect(created.errors).toBeUndefined();
    connectionId = created.data.createConnection.id;
    twoEmailsId = await publish(t, admin, twoEmails('Two emails', 'Ops Two Emails'));
    waitingId = await publish(t, admin, longWait('Long wait', 'Ops Long Wait'));
  });

  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await temporal?.teardown();
    await catcher?.close();
  });

  /** A run of the two-email playbook that failed at 'second' (its SMTP server refuses connections). */
  async function failedRun(firstName: string): Promise<RunView> {
    const started = await enroll(twoEmailsId, 'Ops Two Emails', firstName);
    const failed = await runOf(started.id, `${firstName}'s run to fail`, (r) => ['failed', 'completed', 'compensated'].includes(r.status));
    expect(failed.status).toBe('failed');
    expect({ error: failed.error, steps: failed.steps }).toEqual({ error: expect.stringContaining('ECONNREFUSED'), steps: expect.arrayContaining([{ stepId: 'first', status: 'completed' }, { stepId: 'second', status: 'failed' }]) });
    expect(mailTo(firstName)).toEqual([`First for ${firstName}`]);
    return failed;
  }

  it('tags runs with search attributes at start and keeps TriplineRunStatus current; a list query finds them', async () => {
    const waiting = await enroll(waitingId, 'Ops Long Wait', 'Sam');
    const client = temporal.client;
    const found = await waitFor('the run in a TriplinePlaybookId query', async () => {
      const matches = [];
      for await (const execution of client.workflow.list({ query: `TriplinePlaybookId = '${waitingId}'` })) matches.push(execution);
      const mine = matches.find((execution) => execution.workflowId === waiting.workflowId);
      // The status attribute follows the run: 'pending' at start, then what the workflow reports.
      const status = mine?.typedSearchAttributes.getAll().find((pair) => pair.key.name === 'TriplineRunStatus')?.value;
      return status === 'running' || status === 'waiting' ? mine : undefined;
    }, 60_000, 500);
    const attributes = found.typedSearchAttributes;
    const value = (name: string) => attributes.getAll().find((pair) => pair.key.name === name)?.value;
    expect(value('TriplinePlaybookVersion')).toBe(1);
    const [row] = await findAll(t, RunEntity, { id: waiting.id });
    expect(value('TriplineContactId')).toBe(row.subjectId);
    expect(value('TriplinePlaybookId')).toBe(waitingId);

    await gql(t.url, CANCEL, { id: waiting.id }, operator);
    await waitFor('the cancelled status in Temporal visibility', async () => {
      for await (const execution of client.workflow.list({ query: `TriplineRunStatus = 'cancelled' AND WorkflowId = '${waiting.workflowId}'` })) return execution;
      return undefined;
    }, 60_000, 500);
  });

  it('retries a failed run with the same workflow id: the step that had sent its email is answered by the ledger', async () => {
    await setOpsSmtp(await deadPort());
    const failed = await failedRun('Ada');

    // Only operators and admins, only in their workspace.
    expect((await gql(t.url, RETRY, { id: failed.id }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(t.url, RETRY, { id: failed.id }, editor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const foreign = await gql(t.url, RETRY, { id: failed.id }, outsider);
    expect(foreign.errors?.[0]).toMatchObject({ message: `Run ${failed.id} not found`, extensions: { code: 'NOT_FOUND' } });
    expect((await run(failed.id)).status).toBe('failed');

    await setOpsSmtp(catcher.smtpPort); // the operator fixed the cause
    const retried = await gql(t.url, RETRY, { id: failed.id }, operator);
    expect(retried.errors).toBeUndefined();
    expect(retried.data.retryRun).toMatchObject({ id: failed.id, workflowId: failed.workflowId, status: expect.stringMatching(/pending|running/), error: null });
    await runOf(failed.id, 'the retried run to complete', (r) => r.status === 'completed');
    expect(mailTo('Ada').sort()).toEqual(['First for Ada', 'Second for Ada']);

    // Two executions of one workflow id; the ledger has one entry per side effect, both completed.
    // (Visibility catches up with the executions' states a moment after they close.)
    await waitFor('both executions in Temporal visibility', async () => {
      const executions: string[] = [];
      for await (const execution of temporal.client.workflow.list({ query: `WorkflowId = '${failed.workflowId}'` })) executions.push(execution.status.name);
      return executions.sort().join() === 'COMPLETED,FAILED';
    });
    const ledger = await findAll(t, LedgerEntryEntity, { workspaceId });
    const keys = ledger.filter((entry) => entry.key.startsWith(`${failed.workflowId}:`));
    expect(keys.map((entry) => [entry.key.slice(failed.workflowId.length + 1), entry.state]).sort()).toEqual([
      ['first:1', 'completed'],
      ['second:1', 'completed'],
    ]);

    const again = await gql(t.url, RETRY, { id: failed.id }, operator);
    expect(again.errors?.[0]).toMatchObject({
      message: `Run ${failed.id} is completed; only failed or cancelled runs can be retried`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const operations = (await gql(t.url, OPERATIONS, { runId: failed.id }, viewer)).data.runOperations;
    expect(operations).toEqual([
      { action: 'retry', outcome: 'ok', actorUserId: operatorId, detail: { temporalRunId: expect.any(String) }, error: null },
      { action: 'retry', outcome: 'failed', actorUserId: operatorId, detail: null, error: expect.stringContaining('is completed') },
    ]);
    // Refused by role or workspace: nothing was recorded for those (they never reached the run).
    expect(await findAll(t, RunOperationEntity, { runId: failed.id })).toHaveLength(2);
  });

  it('cancels a waiting run (Temporal cancellation) and can start a cancelled run again', async () => {
    const waiting = await enroll(waitingId, 'Ops Long Wait', 'Cy');
    await runOf(waiting.id, 'the run to wait', (r) => r.steps.some((s) => s.stepId === 'hold'));
    expect((await gql(t.url, CANCEL, { id: waiting.id }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(t.url, CANCEL, { id: waiting.id }, outsider)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    expect((await gql(t.url, CANCEL, { id: waiting.id }, operator)).errors).toBeUndefined();
    // Nothing to undo (a wait), so the run ends cancelled rather than compensated.
    const cancelled = await runOf(waiting.id, 'the run to be cancelled', (r) => ['cancelled', 'compensated', 'failed', 'completed'].includes(r.status));
    expect(cancelled.status).toBe('cancelled');
    expect((await temporal.client.workflow.getHandle(waiting.workflowId).describe()).status.name).toBe('CANCELLED');
    const twice = await gql(t.url, CANCEL, { id: waiting.id }, operator);
    expect(twice.errors?.[0]?.message).toBe(`Run ${waiting.id} is ${cancelled.status}; only pending, running or waiting runs can be cancelled`);

    expect((await gql(t.url, RETRY, { id: waiting.id }, operator)).errors).toBeUndefined();
    await waitFor('the retried run to run again in Temporal', async () => {
      const description = await temporal.client.workflow.getHandle(waiting.workflowId).describe();
      return description.status.name === 'RUNNING' ? description : undefined;
    });
    await runOf(waiting.id, 'the retried run to be waiting again', (r) => ['running', 'waiting'].includes(r.status));
    expect((await gql(t.url, CANCEL, { id: waiting.id }, operator)).errors).toBeUndefined();
  });

  it('resets a failed run to the start of a step, or to its first workflow task; an unknown step is refused', async () => {
    await setOpsSmtp(await deadPort());
    const toStep = await failedRun('Bo');
    const whole = await failedRun('Di');
    await setOpsSmtp(catcher.smtpPort);

    const unknown = await gql(t.url, RESET, { id: toStep.id, toStep: 'nope' }, operator);
    expect(unknown.errors?.[0]).toMatchObject({ message: `Run ${toStep.id} never reached step 'nope'; reset to a step it started, or without toStep`, extensions: { code: 'BAD_USER_INPUT' } });
    expect((await run(toStep.id)).status).toBe('failed'); // put back after the refusal
    expect((await gql(t.url, RESET, { id: toStep.id, toStep: 'second' }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const reset = await gql(t.url, RESET, { id: toStep.id, toStep: 'second' }, operator);
    expect(reset.errors).toBeUndefined();
    await runOf(toStep.id, 'the reset run to complete', (r) => r.status === 'completed');
    expect(mailTo('Bo').sort()).toEqual(['First for Bo', 'Second for Bo']);

    expect((await gql(t.url, RESET, { id: whole.id }, admin)).errors).toBeUndefined();
    await runOf(whole.id, 'the run reset to its first task to complete', (r) => r.status === 'completed');
    // The first email came back from the ledger: sent once in all.
    expect(mailTo('Di').sort()).toEqual(['First for Di', 'Second for Di']);

    const [resetOp] = (await gql(t.url, OPERATIONS, { runId: toStep.id }, operator)).data.runOperations.filter((op: { outcome: string }) => op.outcome === 'ok');
    expect(resetOp).toMatchObject({ action: 'reset', detail: { toStep: 'second', resetEventId: expect.any(Number), temporalRunId: expect.any(String) } });
    const description = await temporal.client.workflow.getHandle(toStep.workflowId).describe();
    expect(description.runId).toBe(resetOp.detail.temporalRunId);
  });

  it('bulk-retries the runs that failed in a window, reporting each; a run Temporal still runs is reported, not retried', async () => {
    await setOpsSmtp(await deadPort());
    const windowStart = new Date();
    const one = await failedRun('Ed');
    const two = await failedRun('Flo');
    // A row that says failed while its workflow still runs (e.g. repaired by hand in Temporal).
    const stillRunning = await enroll(waitingId, 'Ops Long Wait', 'Gus');
    await runOf(stillRunning.id, 'the waiting run to wait', (r) => r.steps.some((s) => s.stepId === 'hold'));
    await dataSourceOf(t).getRepository(RunEntity).update({ id: stillRunning.id }, { status: 'failed', finishedAt: new Date() });
    await setOpsSmtp(catcher.smtpPort);

    const refused = await gql(t.url, BULK, { input: { failedFrom: new Date().toISOString(), failedTo: testStart.toISOString() } }, operator);
    expect(refused.errors?.[0]?.message).toMatch(/failedFrom .* must be before input.failedTo/);
    expect((await gql(t.url, BULK, { input: { failedFrom: windowStart.toISOString(), failedTo: new Date().toISOString() } }, editor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Another workspace's operator sees none of these runs.
    expect((await gql(t.url, BULK, { input: { failedFrom: windowStart.toISOString(), failedTo: new Date().toISOString() } }, outsider)).data.bulkRetryRuns).toEqual([]);

    const onlyTwoEmails = await gql(t.url, BULK, { input: { failedFrom: windowStart.toISOString(), failedTo: new Date().toISOString(), playbookId: twoEmailsId } }, operator);
    expect(onlyTwoEmails.errors).toBeUndefined();
    expect(onlyTwoEmails.data.bulkRetryRuns).toEqual([
      { runId: one.id, ok: true, error: null },
      { runId: two.id, ok: true, error: null },
    ]);
    const all = await gql(t.url, BULK, { input: { failedFrom: windowStart.toISOString(), failedTo: new Date().toISOString() } }, operator);
    expect(all.data.bulkRetryRuns).toEqual([{ runId: stillRunning.id, ok: false, error: expect.stringMatching(/already (started|running)/i) }]);
    expect((await run(stillRunning.id)).status).toBe('failed'); // left as it was

    for (const [r, name] of [[one, 'Ed'], [two, 'Flo']] as const) {
      await runOf(r.id, `${name}'s retried run to complete`, (x) => x.status === 'completed');
      expect(mailTo(name).sort()).toEqual([`First for ${name}`, `Second for ${name}`]);
    }
    await temporal.client.workflow.getHandle(stillRunning.workflowId).terminate('test over');
  });
});
