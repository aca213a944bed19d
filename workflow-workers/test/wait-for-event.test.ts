import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import type { EventReceivedSignal, Filter, PlaybookRunInput, RunEvent } from '@tripline/playbook';
import { playbookRun } from '../src/workflows';
import { eventReceivedSignal } from '../src/workflows/steps/wait-for-event-step';
import { enrollmentWorkflowId, playbookOf, runInputFor, welcomeEmail } from './support/playbooks';
import { eventLines } from './support/run-events';
import { installQuietRuntime } from './support/quiet-runtime';
import { temporalTestServerPath } from './support/temporal-binaries';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness';
import { untilTimerStarted } from './support/until-timer-started';

jest.setTimeout(120_000);

const HOUR_MS = 60 * 60 * 1000;
const upgraded: Filter = { property: 'event.properties.plan', operator: 'eq', value: 'pro' };

function signalFor(stepId: string, visit: number, messageId: string, name = 'Plan Upgraded'): EventReceivedSignal {
  return { stepId, visit, event: { messageId, name, timestamp: new Date().toISOString(), properties: { plan: 'pro' } } };
}

describe('waitForEvent steps on the time-skipping test server', () => {
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

  function start(input: PlaybookRunInput, workflowId = enrollmentWorkflowId()) {
    return env.client.workflow.start(playbookRun, { workflowId, taskQueue: harness.taskQueue, args: [input] });
  }

  /** Polls the in-memory API until the workflow registered its wait (time does not skip meanwhile). */
  async function registered(handle: WorkflowHandle, stepId: string, visit = 1) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const wait = harness.workerApi.runWait(handle.workflowId, stepId, visit);
      if (wait) return wait;
      if (Date.now() > deadline) throw new Error(`${handle.workflowId} never registered its wait at ${stepId} visit ${visit}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const stepCompleted = (events: RunEvent[], stepId: string) =>
    events.find((event) => event.type === 'step' && event.stepId === stepId && event.status === 'completed') as
      | (RunEvent & { type: 'step'; output: any; port?: string })
      | undefined;

  it('registers the wait, leaves by "received" when the event comes and closes the wait', async () => {
    const playbook = playbookOf(
      'await-upgrade',
      {
        'await-upgrade': { kind: 'waitForEvent', event: { name: 'Plan Upgraded', where: upgraded }, timeout: '3d' },
        thanks: welcomeEmail({ subject: 'Thanks for upgrading, {{ person.traits.firstName }}' }),
        done: { kind: 'end' },
        nudge: welcomeEmail({ subject: 'Still thinking it over?' }),
      },
      [
        { from: 'await-upgrade', to: 'thanks', port: 'received' },
        { from: 'thanks', to: 'done' },
        { from: 'await-upgrade', to: 'nudge' },
      ],
    );
    const input = runInputFor(playbook);
    const handle = await start(input);
    const wait = await registered(handle, 'await-upgrade');
    expect(wait.request).toMatchObject({
      workspaceId: input.workspaceId,
      runId: input.runId,
      workflowId: handle.workflowId,
      stepId: 'await-upgrade',
      visit: 1,
      subject: input.subject,
      event: { name: 'Plan Upgraded', where: upgraded },
    });
    expect(Date.parse(wait.request.expiresAt) - Date.parse(wait.request.openedAt)).toBe(72 * HOUR_MS);

    await handle.signal(eventReceivedSignal, signalFor('await-upgrade', 1, 'msg-upgrade-1'));
    await expect(handle.result()).resolves.toEqual({ status: 'completed', path: ['await-upgrade', 'thanks', 'done'] });

    const events = harness.workerApi.eventsOf(input.runId);
    expect(eventLines(events)).toEqual([
      'run running',
      'step await-upgrade running',
      'step await-upgrade completed received',
      'step thanks running',
      'step thanks completed',
      'step done running',
      'step done completed',
      'run completed',
    ]);
    expect(events[1]).toMatchObject({ input: { event: { name: 'Plan Upgraded', where: upgraded }, timeout: '3d' } });
    expect(stepCompleted(events, 'await-upgrade')!.output).toMatchObject({
      outcome: 'received',
      event: { messageId: 'msg-upgrade-1', name: 'Plan Upgraded', properties: { plan: 'pro' } },
    });
    expect(harness.workerApi.runWait(handle.workflowId, 'await-upgrade')!.closed).toMatchObject({ outcome: 'received', messageId: 'msg-upgrade-1' });
    expect(harness.catcher.messages().filter((m) => m.subject === 'Still thinking it over?')).toEqual([]);
  });

  it('exits (goal met) when the event comes and no "received" edge leads on', async () => {
    const playbook = playbookOf(
      'goal',
      { goal: { kind: 'waitForEvent', event: { name: 'Plan Upgraded' }, timeout: '7d' }, remind: welcomeEmail(), done: { kind: 'end' } },
      [
        { from: 'goal', to: 'remind' },
        { from: 'remind', to: 'done' },
      ],
    );
    const input = runInputFor(playbook);
    const handle = await start(input);
    await registered(handle, 'goal');
    await handle.signal(eventReceivedSignal, signalFor('goal', 1, 'msg-goal-1'));
    await expect(handle.result()).resolves.toEqual({ status: 'exited', path: ['goal'] });
    expect(eventLines(harness.workerApi.eventsOf(input.runId))).toEqual(['run running', 'step goal running', 'step goal completed received', 'run completed']);
  });

  it('leaves by the unnamed port when the timeout passes first, and closes the wait as timed out', async () => {
    const playbook = playbookOf(
      'goal',
      { goal: { kind: 'waitForEvent', event: { name: 'Plan Upgraded' }, timeout: '36h' }, done: { kind: 'end' } },
      [{ from: 'goal', to: 'done' }],
    );
    const input = runInputFor(playbook);
    const startedAt = await env.currentTimeMs();
    const handle = await start(input);
    await expect(handle.result()).resolves.toEqual({ status: 'completed', path: ['goal', 'done'] });
    expect((await env.currentTimeMs()) - startedAt).toBeGreaterThanOrEqual(36 * HOUR_MS);

    const events = harness.workerApi.eventsOf(input.runId);
    const completed = stepCompleted(events, 'goal')!;
    expect(completed.port).toBeUndefined();
    expect(completed.output).toEqual({ outcome: 'timedOut', openedAt: expect.any(String), expiresAt: expect.any(String) });
    expect(Date.parse(completed.at) - Date.parse(completed.output.openedAt)).toBeGreaterThanOrEqual(36 * HOUR_MS);
    expect(harness.workerApi.runWait(handle.workflowId, 'goal')!.closed).toMatchObject({ outcome: 'timedOut' });
    expect(harness.workerApi.runWait(handle.workflowId, 'goal')!.closed!.messageId).toBeUndefined();
  });

  it('ignores signals for another step or an earlier visit, and counts a repeated delivery once', async () => {
    // Each upgrade gets a thank-you, then the run waits for the next one; a quiet week ends it.
    const playbook = playbookOf(
      'await-upgrade',
      {
        'await-upgrade': { kind: 'waitForEvent', event: { name: 'Plan Upgraded' }, timeout: '7d' },
        thanks: welcomeEmail({ subject: 'Thanks for upgrading' }),
        done: { kind: 'end' },
      },
      [
        { from: 'await-upgrade', to: 'thanks', port: 'received' },
        { from: 'thanks', to: 'await-upgrade' },
        { from: 'await-upgrade', to: 'done' },
      ],
    );
    const input = runInputFor(playbook);
    const before = harness.catcher.messages().length;
    const handle = await start(input);
    await registered(handle, 'await-upgrade', 1);
    await handle.signal(eventReceivedSignal, signalFor('other-step', 1, 'msg-other'));
    await handle.signal(eventReceivedSignal, signalFor('await-upgrade', 1, 'msg-first'));
    // The dispatcher retried: the same event again.
    await handle.signal(eventReceivedSignal, signalFor('await-upgrade', 1, 'msg-first'));
    await registered(handle, 'await-upgrade', 2);
    // A late copy of visit 1's signal must not satisfy visit 2.
    await handle.signal(eventReceivedSignal, signalFor('await-upgrade', 1, 'msg-first'));

    await expect(handle.result()).resolves.toEqual({ status: 'completed', path: ['await-upgrade', 'thanks', 'await-upgrade', 'done'] });
    expect(harness.catcher.messages().slice(before).map((m) => m.subject)).toEqual(['Thanks for upgrading']);
    expect(harness.workerApi.runWait(handle.workflowId, 'await-upgrade', 1)!.closed).toMatchObject({ outcome: 'received', messageId: 'msg-first' });
    expect(harness.workerApi.runWait(handle.workflowId, 'await-upgrade', 2)!.closed).toMatchObject({ outcome: 'timedOut' });
  });

  it('routes each signal to its own wait when parallel branches wait at the same time', async () => {
    const playbook = playbookOf(
      'fork',
      {
        fork: { kind: 'parallel' },
        upgrade: { kind: 'waitForEvent', event: { name: 'Plan Upgraded' }, timeout: '2d' },
        seats: { kind: 'waitForEvent', event: { name: 'Seat Added' }, timeout: '2d' },
      },
      [
        { from: 'fork', to: 'upgrade' },
        { from: 'fork', to: 'seats' },
      ],
    );
    const input = runInputFor(playbook);
    const handle = await start(input);
    await registered(handle, 'upgrade');
    await registered(handle, 'seats');
    await handle.signal(eventReceivedSignal, signalFor('seats', 1, 'msg-seat', 'Seat Added'));
    await handle.signal(eventReceivedSignal, signalFor('upgrade', 1, 'msg-plan'));
    await expect(handle.result()).resolves.toMatchObject({ status: 'exited' });
    const events = harness.workerApi.eventsOf(input.runId);
    expect(stepCompleted(events, 'upgrade')).toMatchObject({ port: 'received', output: { event: { messageId: 'msg-plan' } } });
    expect(stepCompleted(events, 'seats')).toMatchObject({ port: 'received', output: { event: { messageId: 'msg-seat' } } });
  });

  it('does not lose a signal that reaches the run before the step has set its handler', async () => {
    const playbook = playbookOf('goal', { goal: { kind: 'waitForEvent', event: { name: 'Plan Upgraded' }, timeout: '7d' } }, []);
    const input = runInputFor(playbook);
    // Delivered with the start, in the workflow's first task: the step's handler does not exist yet.
    const handle = await env.client.workflow.signalWithStart(playbookRun, {
      workflowId: enrollmentWorkflowId(),
      taskQueue: harness.taskQueue,
      args: [input],
      signal: eventReceivedSignal,
      signalArgs: [signalFor('goal', 1, 'msg-early')],
    });
    await expect(handle.result()).resolves.toEqual({ status: 'exited', path: ['goal'] });
    expect(stepCompleted(harness.workerApi.eventsOf(input.runId), 'goal')).toMatchObject({ port: 'received', output: { event: { messageId: 'msg-early' } } });
  });

  it('is satisfied at registration by an event stored between the step start and the registration', async () => {
    const playbook = playbookOf('goal', { goal: { kind: 'waitForEvent', event: { name: 'Plan Upgraded', where: upgraded }, timeout: '7d' } }, []);
    const input = runInputFor(playbook);
    const subjectId = input.subject.id;
    const now = new Date(await env.currentTimeMs());
    harness.workerApi.storedEvents.push(
      // Before the step started: never counts.
      { subjectId, messageId: 'msg-old', name: 'Plan Upgraded', timestamp: new Date(now.getTime() - HOUR_MS).toISOString(), properties: { plan: 'pro' } },
      // Not matching the filter.
      { subjectId, messageId: 'msg-basic', name: 'Plan Upgraded', timestamp: new Date(now.getTime() + HOUR_MS).toISOString(), properties: { plan: 'basic' } },
      { subjectId, messageId: 'msg-stored', name: 'Plan Upgraded', timestamp: new Date(now.getTime() + HOUR_MS).toISOString(), properties: { plan: 'pro' } },
    );
    const handle = await start(input);
    await expect(handle.result()).resolves.toEqual({ status: 'exited', path: ['goal'] });
    expect(stepCompleted(harness.workerApi.eventsOf(input.runId), 'goal')).toMatchObject({ port: 'received', output: { event: { messageId: 'msg-stored' } } });
    harness.workerApi.storedEvents.length = 0;
  });

  it('closes the wait as cancelled when the run is cancelled while waiting', async () => {
    const playbook = playbookOf('goal', { goal: { kind: 'waitForEvent', event: { name: 'Plan Upgraded' }, timeout: '7d' } }, []);
    const input = runInputFor(playbook);
    const handle = await start(input);
    await registered(handle, 'goal');
    await untilTimerStarted(handle);
    await handle.cancel();
    await expect(handle.result()).rejects.toThrow();
    expect(harness.workerApi.runWait(handle.workflowId, 'goal')!.closed).toMatchObject({ outcome: 'cancelled' });
    expect(eventLines(harness.workerApi.eventsOf(input.runId)).at(-1)).toBe('run cancelled');
  });

  it('fails the run with a clear message on a timeout it cannot read', async () => {
    const playbook = playbookOf('goal', { goal: { kind: 'waitForEvent', event: { name: 'Plan Upgraded' }, timeout: 'soon' } }, []);
    const input = runInputFor(playbook);
    const handle = await start(input);
    await expect(handle.result()).rejects.toThrow('Workflow execution failed');
    expect(harness.workerApi.eventsOf(input.runId).at(-1)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^waitForEvent \(node goal\): .*soon/) });
    expect(harness.workerApi.runWait(handle.workflowId, 'goal')).toBeUndefined();
  });
});
