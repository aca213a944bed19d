import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ActionStep, RunEvent } from '@tripline/playbook';
import { playbookRun } from '../src/workflows';
import { startConnectorWorker } from './support/connector-worker';
import { enrollmentWorkflowId, playbookOf, runInputFor, WORKSPACE_ID } from './support/playbooks';
import { installQuietRuntime } from './support/quiet-runtime';
import { eventLines } from './support/run-events';
import { taskConnector } from './support/task-connector';
import { startTaskServer, type TaskServer } from './support/task-server';
import { temporalCliPath } from './support/temporal-binaries';

jest.setTimeout(120_000);

const task = (title: string, extra: Partial<ActionStep> = {}): ActionStep => ({
  kind: 'action',
  connector: 'tasks',
  action: 'createTask',
  connection: 'task-api',
  input: { title },
  retry: { maximumAttempts: 2, initialInterval: '1s' },
  ...extra,
});

async function waitUntil(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('compensation on a real Temporal dev server, with a connector plugin on a real HTTP API', () => {
  let env: TestWorkflowEnvironment;
  let server: TaskServer;
  let worker: Awaited<ReturnType<typeof startConnectorWorker>>;

  beforeAll(async () => {
    installQuietRuntime();
    env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: temporalCliPath() }, log: { format: 'pretty', level: 'error' } },
    });
    server = await startTaskServer();
    worker = await startConnectorWorker(env, [taskConnector()]);
    worker.workerApi.addConnection(WORKSPACE_ID, { id: 'conn-tasks', name: 'task-api', connector: 'tasks', config: { baseUrl: server.url } });
  });

  afterAll(async () => {
    await worker?.stop();
    await server?.close();
    await env?.teardown();
  });

  function start(playbook: ReturnType<typeof playbookOf>) {
    const input = runInputFor(playbook);
    const handle = env.client.workflow.start(playbookRun, { workflowId: enrollmentWorkflowId(), taskQueue: worker.taskQueue, args: [input] });
    return { input, handle };
  }

  async function failureOf(promise: Promise<unknown>) {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    return (error as WorkflowFailedError).cause;
  }

  const deletes = () => server.requests.filter((request) => request.method === 'DELETE').map((request) => request.path);
  const runEvents = (runId: string) => worker.workerApi.eventsOf(runId).filter((event): event is Extract<RunEvent, { type: 'run' }> => event.type === 'run');

  it('a failure after two creates deletes both, newest first; the irreversible step is reported as such', async () => {
    const playbook = playbookOf(
      'create-1',
      {
        'create-1': task('first'),
        'create-2': task('second'),
        announce: { kind: 'action', connector: 'tasks', action: 'announce', connection: 'task-api', input: { title: 'news' } },
        boom: task('fail on purpose'),
        done: { kind: 'end' },
      },
      [
        { from: 'create-1', to: 'create-2' },
        { from: 'create-2', to: 'announce' },
        { from: 'announce', to: 'boom' },
        { from: 'boom', to: 'done' },
      ],
    );
    const deletesBefore = deletes().length;
    const { input, handle } = start(playbook);
    const started = await handle;
    const failure = await failureOf(started.result());
    expect(failure?.cause).toBeInstanceOf(ApplicationFailure);
    expect((failure?.cause as Error | undefined)?.message).toMatch(/POST \/tasks answered 422/);

    // Reverse order: the second task first. Both are gone from the vendor; the announcement stays.
    const [first, second] = await Promise.all(['first', 'second'].map(async (title) => [...server.tasks].find(([, t]) => t.title === title)));
    expect(first).toBeUndefined();
    expect(second).toBeUndefined();
    const created = server.requests.filter((request) => request.method === 'POST' && (request.body as { title: string }).title !== 'fail on purpose');
    const idOf = (title: string) => `t${created.findIndex((request) => (request.body as { title: string }).title === title) + 1}`;
    expect(deletes().slice(deletesBefore)).toEqual([`/tasks/${idOf('second')}`, `/tasks/${idOf('first')}`]);

    const lines = eventLines(worker.workerApi.eventsOf(input.runId));
    expect(lines.slice(lines.indexOf('step boom failed'))).toEqual([
      'step boom failed',
      'step announce:undo skipped',
      'step create-2:undo running',
      'step create-2:undo completed',
      'step create-1:undo running',
      'step create-1:undo completed',
      'run failed',
    ]);
    const skipped = worker.workerApi.eventsOf(input.runId).find((event) => event.type === 'step' && event.stepId === 'announce:undo');
    expect(skipped).toMatchObject({ output: { compensation: 'irreversible', message: 'tasks.announce cannot be undone (irreversible)' } });
    // A failure stays 'failed' (operators retry failed runs); the message says what compensation did.
    const final = runEvents(input.runId).at(-1)!;
    expect(final.status).toBe('failed');
    expect(final.error).toMatch(/POST \/tasks answered 422.*; undone: create-2, create-1; cannot be undone: announce$/);

    // Each undo is a side effect of its own in the ledger: `<action key>:undo`, completed once.
    const undoKey = `${started.workflowId}:create-1:1:undo`;
    expect(worker.workerApi.ledgerEntry(WORKSPACE_ID, undoKey)).toMatchObject({ state: 'completed', claims: 1 });
  });

  it('an undo that fails is recorded on the run and fails it, naming the undo; the others still run', async () => {
    server.refuseDelete.add('locked');
    const playbook = playbookOf(
      'create-1',
      { 'create-1': task('kept apart'), 'create-2': task('locked'), boom: task('fail again') },
      [
        { from: 'create-1', to: 'create-2' },
        { from: 'create-2', to: 'boom' },
      ],
    );
    const { input, handle } = start(playbook);
    const failure = await failureOf((await handle).result());
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).type).toBe('CompensationFailed');
    expect(failure?.message).toMatch(/compensation failed: undo of create-2 failed: DELETE \/tasks\/t\d+ answered 409 Conflict: .*locked/);

    const events = worker.workerApi.eventsOf(input.runId);
    const undoFailed = events.find((event) => event.type === 'step' && event.stepId === 'create-2:undo' && event.status === 'failed');
    expect(undoFailed).toMatchObject({ error: expect.stringMatching(/^undo of create-2 \(tasks.createTask\) failed: DELETE/) });
    expect(eventLines(events)).toContain('step create-1:undo completed');
    expect([...server.tasks.values()].map((t) => t.title)).toContain('locked');
    expect([...server.tasks.values()].map((t) => t.title)).not.toContain('kept apart');
    const final = runEvents(input.runId).at(-1)!;
    expect(final).toMatchObject({ status: 'failed', error: expect.stringContaining('compensation failed: undo of create-2 failed') });
  });

  it('a cancelled run undoes its actions and ends compensated', async () => {
    const playbook = playbookOf(
      'create-1',
      { 'create-1': task('to cancel'), pause: { kind: 'wait', for: '1h' }, done: { kind: 'end' } },
      [
        { from: 'create-1', to: 'pause' },
        { from: 'pause', to: 'done' },
      ],
    );
    const { input, handle } = start(playbook);
    const started = await handle;
    await waitUntil(() => eventLines(worker.workerApi.eventsOf(input.runId)).includes('step pause running'));
    expect([...server.tasks.values()].map((t) => t.title)).toContain('to cancel');
    await started.cancel();
    const failure = await failureOf(started.result());
    expect(failure).toBeInstanceOf(CancelledFailure);
    expect([...server.tasks.values()].map((t) => t.title)).not.toContain('to cancel');
    const lines = eventLines(worker.workerApi.eventsOf(input.runId));
    expect(lines.slice(-3)).toEqual(['step create-1:undo running', 'step create-1:undo completed', 'run compensated']);
  });

  it('an approval rejected with no "rejected" edge undoes the run and ends it compensated', async () => {
    worker.workerApi.approvals.addMember(WORKSPACE_ID, { userId: 'u-ann', email: 'ann@example.com', role: 'approver' });
    const playbook = playbookOf(
      'create-1',
      {
        'create-1': task('before approval'),
        // Nobody decides: after 2 s the default outcome rejects.
        gate: { kind: 'approval', assignees: { roles: ['approver'] }, timeout: '2s', onTimeout: 'reject' },
        after: task('after approval'),
      },
      [
        { from: 'create-1', to: 'gate' },
        { from: 'gate', to: 'after' },
      ],
    );
    const { input, handle } = start(playbook);
    const result = await (await handle).result();
    expect(result).toEqual({ status: 'compensated', path: ['create-1', 'gate'] });
    const titles = [...server.tasks.values()].map((t) => t.title);
    expect(titles).not.toContain('before approval');
    expect(titles).not.toContain('after approval');
    const lines = eventLines(worker.workerApi.eventsOf(input.runId));
    expect(lines.slice(-4)).toEqual(['step gate completed rejected', 'step create-1:undo running', 'step create-1:undo completed', 'run compensated']);
  });

  it('the undo stack survives continue-as-new: a failure after it still undoes the earlier creates', async () => {
    const playbook = playbookOf(
      'create-1',
      { 'create-1': task('before continue 1'), 'create-2': task('before continue 2'), 'create-3': task('after continue'), boom: task('fail late') },
      [
        { from: 'create-1', to: 'create-2' },
        { from: 'create-2', to: 'create-3' },
        { from: 'create-3', to: 'boom' },
      ],
    );
    // Two steps per history: the run continues as new twice before it fails.
    const input = { ...runInputFor(playbook), limits: { stepsPerHistory: 2 } };
    const handle = await env.client.workflow.start(playbookRun, { workflowId: enrollmentWorkflowId(), taskQueue: worker.taskQueue, args: [input] });
    await failureOf(handle.result());
    // It really continued as new: the run that failed is not the first one.
    expect((await handle.describe()).runId).not.toBe(handle.firstExecutionRunId);
    const titles = [...server.tasks.values()].map((t) => t.title);
    expect(titles.filter((title) => title.includes('continue'))).toEqual([]);
    const undone = eventLines(worker.workerApi.eventsOf(input.runId)).filter((line) => line.endsWith(':undo completed'));
    expect(undone).toEqual(['step create-3:undo completed', 'step create-2:undo completed', 'step create-1:undo completed']);
  });

  it('a step with compensate: none is left alone', async () => {
    const playbook = playbookOf(
      'keep',
      { keep: task('keep me', { compensate: 'none' }), boom: task('fail third') },
      [{ from: 'keep', to: 'boom' }],
    );
    const { input, handle } = start(playbook);
    await failureOf((await handle).result());
    expect([...server.tasks.values()].map((t) => t.title)).toContain('keep me');
    expect(eventLines(worker.workerApi.eventsOf(input.runId)).filter((line) => line.includes(':undo'))).toEqual([]);
  });
});
