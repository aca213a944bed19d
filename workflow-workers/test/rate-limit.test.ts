import { TestWorkflowEnvironment } from '@temporalio/testing';
import { EMAIL_SENDS_PER_SECOND, emailConnector } from '@tripline/connector-email';
import type { ActionStep } from '@tripline/playbook';
import { rateLimitOverrides } from '../src/activities/rate-limit-config';
import { playbookRun } from '../src/workflows';
import { startConnectorWorker } from './support/connector-worker';
import { enrollmentWorkflowId, playbookOf, runInputFor, WORKSPACE_ID } from './support/playbooks';
import { installQuietRuntime } from './support/quiet-runtime';
import { taskConnector } from './support/task-connector';
import { startTaskServer, type TaskServer } from './support/task-server';
import { temporalCliPath } from './support/temporal-binaries';

jest.setTimeout(120_000);

const createTask = (title: string): ActionStep => ({ kind: 'action', connector: 'tasks', action: 'createTask', connection: 'task-api', input: { title } });

describe('connector rate limits on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let server: TaskServer;

  beforeAll(async () => {
    installQuietRuntime();
    env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: temporalCliPath() }, log: { format: 'pretty', level: 'error' } },
    });
  });

  beforeEach(async () => {
    server = await startTaskServer();
  });
  afterEach(() => server.close());
  afterAll(() => env?.teardown());

  async function workerFor(rateLimit?: { perSecond: number }) {
    const worker = await startConnectorWorker(env, [taskConnector(rateLimit)]);
    worker.workerApi.addConnection(WORKSPACE_ID, { id: 'conn-tasks', name: 'task-api', connector: 'tasks', config: { baseUrl: server.url } });
    return worker;
  }

  async function runTasks(taskQueue: string, titles: string[]) {
    const handles = await Promise.all(
      titles.map((title) =>
        env.client.workflow.start(playbookRun, {
          workflowId: enrollmentWorkflowId(),
          taskQueue,
          args: [runInputFor(playbookOf('create', { create: createTask(title) }, []))],
        }),
      ),
    );
    return Promise.all(handles.map((handle) => handle.result()));
  }

  const posts = () => server.requests.filter((request) => request.method === 'POST');

  it('a 429 with Retry-After: 2 is retried no sooner than 2 s later', async () => {
    const worker = await workerFor();
    try {
      server.rateLimitNext(1, 2);
      await expect(runTasks(worker.taskQueue, ['after the 429'])).resolves.toEqual([{ status: 'exited', path: ['create'] }]);
      const [limited, accepted] = posts();
      expect(posts()).toHaveLength(2);
      // The step's own backoff starts at 2 s too, so make sure it is the server's delay that counts:
      // the second attempt waits at least Retry-After, measured by the server's clock.
      expect(accepted!.at - limited!.at).toBeGreaterThanOrEqual(2000);
      expect(server.tasks.size).toBe(1);
    } finally {
      await worker.stop();
    }
  });

  it('a Retry-After longer than the step backoff is honoured (5 s, not 2 s)', async () => {
    const worker = await workerFor();
    try {
      server.rateLimitNext(1, 5);
      await runTasks(worker.taskQueue, ['after a long 429']);
      const [limited, accepted] = posts();
      expect(accepted!.at - limited!.at).toBeGreaterThanOrEqual(5000);
    } finally {
      await worker.stop();
    }
  });

  it('a declared limit of 2/s spreads 10 actions over at least 4 s, enforced by the server', async () => {
    const worker = await workerFor({ perSecond: 2 });
    try {
      const titles = Array.from({ length: 10 }, (_, index) => `limited ${index}`);
      await runTasks(worker.taskQueue, titles);
      const times = posts().map((request) => request.at);
      expect(times).toHaveLength(10);
      // 10 dispatches at 2/s: 4.5 s of spacing in theory; generous bounds for a loaded machine.
      expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(4000);
    } finally {
      await worker.stop();
    }
  });

  it('without a limit the same 10 actions run well within 4 s (the limit above is what spread them)', async () => {
    const worker = await workerFor();
    try {
      await runTasks(worker.taskQueue, Array.from({ length: 10 }, (_, index) => `free ${index}`));
      const times = posts().map((request) => request.at);
      expect(Math.max(...times) - Math.min(...times)).toBeLessThan(4000);
    } finally {
      await worker.stop();
    }
  });

  it('the email connector\'s queue carries the global send rate: declared, or TRIPLINE_EMAIL_RATE_PER_SECOND', async () => {
    const declared = await startConnectorWorker(env, [emailConnector]);
    const configured = await startConnectorWorker(env, [emailConnector], {
      rateLimits: rateLimitOverrides({ TRIPLINE_EMAIL_RATE_PER_SECOND: '2' }, [emailConnector]),
    });
    try {
      const email = (worker: typeof declared) => worker.workers.connectorWorkers.get('email')!.options;
      expect(email(declared)).toMatchObject({ taskQueue: `${declared.taskQueue}-connector-email`, maxTaskQueueActivitiesPerSecond: EMAIL_SENDS_PER_SECOND });
      expect(email(configured).maxTaskQueueActivitiesPerSecond).toBe(2);
      // The workflow Worker has no rate of its own: run bookkeeping is never throttled.
      expect(declared.workers.workflowWorker.options.maxTaskQueueActivitiesPerSecond).toBeUndefined();
    } finally {
      await declared.stop();
      await configured.stop();
    }
  });
});
