import { TestWorkflowEnvironment } from '@temporalio/testing';
import { playbookRun } from '../src/workflows';
import { enrollmentWorkflowId, playbookOf, runInputFor, welcomeEmail } from './support/playbooks';
import { eventLines } from './support/run-events';
import { installQuietRuntime } from './support/quiet-runtime';
import { temporalTestServerPath } from './support/temporal-binaries';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness';

jest.setTimeout(120_000);

const TWO_DAYS_MS = 2 * 24 * 60 * 60 * 1000;

describe('wait steps on the time-skipping test server', () => {
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

  it('waits two days of workflow time, then sends', async () => {
    const playbook = playbookOf(
      'pause',
      { pause: { kind: 'wait', for: '2d' }, nudge: welcomeEmail(), done: { kind: 'end' } },
      [
        { from: 'pause', to: 'nudge' },
        { from: 'nudge', to: 'done' },
      ],
    );
    const input = runInputFor(playbook);
    const startedAt = await env.currentTimeMs();
    const handle = await env.client.workflow.start(playbookRun, {
      workflowId: enrollmentWorkflowId(),
      taskQueue: harness.taskQueue,
      args: [input],
    });

    await expect(handle.result()).resolves.toEqual({ status: 'completed', path: ['pause', 'nudge', 'done'] });
    expect((await env.currentTimeMs()) - startedAt).toBeGreaterThanOrEqual(TWO_DAYS_MS);
    expect(harness.catcher.messages().map((message) => message.subject)).toEqual(['Welcome to Acme, Ann']);

    const events = harness.workerApi.eventsOf(input.runId);
    expect(eventLines(events)).toEqual([
      'run running',
      'step pause running',
      'step pause completed',
      'step nudge running',
      'step nudge completed',
      'step done running',
      'step done completed',
      'run completed',
    ]);
    const waiting = events[1] as { at: string; input: { for: string; wakeAt: string } };
    expect(waiting.input.for).toBe('2d');
    expect(Date.parse(waiting.input.wakeAt) - Date.parse(waiting.at)).toBe(TWO_DAYS_MS);
    const timerFired = Date.parse(events[2]!.at) - Date.parse(events[1]!.at);
    expect(timerFired).toBeGreaterThanOrEqual(TWO_DAYS_MS);
  });

  it('fails the run, naming the node, on business hours in a time zone that does not exist', async () => {
    const playbook = playbookOf(
      'office',
      { office: { kind: 'wait', until: { timeZone: 'Mars/Olympus_Mons', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 } }, done: { kind: 'end' } },
      [{ from: 'office', to: 'done' }],
    );
    const input = runInputFor(playbook);
    const handle = await env.client.workflow.start(playbookRun, {
      workflowId: enrollmentWorkflowId(),
      taskQueue: harness.taskQueue,
      args: [input],
    });
    await expect(handle.result()).rejects.toThrow('Workflow execution failed');
    const events = harness.workerApi.eventsOf(input.runId);
    expect(eventLines(events)).toEqual(['run running', 'step office failed', 'run failed']);
    expect(events.at(-1)).toMatchObject({
      error: 'wait (node office) until business hours: "Mars/Olympus_Mons" is not a time zone: write an IANA name such as "Europe/Berlin"',
    });
  });
});
