import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { aeEscalationSla, CRM_TASK_COMPLETED, sdrFollowUpSla, type Playbook, type PlaybookRunInput } from '@tripline/playbook';
import { playbookRun } from '../src/workflows';
import { eventReceivedSignal } from '../src/workflows/steps/wait-for-event-step';
import { enrollmentWorkflowId, WORKSPACE_ID } from './support/playbooks';
import { eventLines } from './support/run-events';
import { installQuietRuntime } from './support/quiet-runtime';
import { temporalTestServerPath } from './support/temporal-binaries';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness';

jest.setTimeout(120_000);

const HOUR_MS = 60 * 60 * 1000;

/** The SLA examples run as published: account runs, emails through the workspace's "default-email" connection. */
function accountRun(playbook: Playbook, accountName: string): PlaybookRunInput {
  const id = `acct-${randomUUID()}`;
  return {
    runId: randomUUID(),
    workspaceId: WORKSPACE_ID,
    playbook,
    subject: { kind: 'account', id },
    context: {
      event: { name: 'Feature Used', properties: {} },
      person: { id: 'person-ada', traits: { email: 'ada@acme.test' } },
      account: { id, traits: { name: accountName, sdrEmail: 'sam.sdr@tripline.test', aeEmail: 'alex.ae@tripline.test', salesManagerEmail: 'morgan.manager@tripline.test' } },
    },
  };
}

describe('SLA escalation playbooks on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let harness: WorkerHarness;

  beforeAll(async () => {
    installQuietRuntime();
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    });
    harness = await startWorkerHarness(env);
    harness.workerApi.addConnection(WORKSPACE_ID, {
      id: 'conn-default-email',
      name: 'default-email',
      connector: 'email',
      config: { host: '127.0.0.1', port: harness.catcher.smtpPort, from: 'Tripline <alerts@tripline.test>' },
    });
  });

  afterAll(async () => {
    await harness?.stop();
    await env?.teardown();
  });

  const mailTo = (accountName: string) =>
    harness.catcher
      .messages()
      .filter((message) => message.subject.includes(accountName))
      .map((message) => ({ to: message.to, subject: message.subject }));

  async function startRun(input: PlaybookRunInput) {
    const handle = await env.client.workflow.start(playbookRun, { workflowId: enrollmentWorkflowId(), taskQueue: harness.taskQueue, args: [input] });
    return handle;
  }

  async function waitRegistered(workflowId: string, stepId: string) {
    const deadline = Date.now() + 20_000;
    while (!harness.workerApi.runWait(workflowId, stepId)) {
      if (Date.now() > deadline) throw new Error(`the run never registered its wait at ${stepId}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Workflow time between a step's "running" and "completed" events (the server's clock skips; the run's events tell). */
  const waitedMs = (runId: string, stepId: string) => {
    const events = harness.workerApi.eventsOf(runId).filter((event) => event.type === 'step' && event.stepId === stepId);
    return Date.parse(events.at(-1)!.at) - Date.parse(events[0]!.at);
  };

  const taskCompleted = (stepId: string, taskType: string) => ({
    stepId,
    visit: 1,
    event: { messageId: randomUUID(), name: CRM_TASK_COMPLETED, timestamp: new Date().toISOString(), properties: { taskType } },
  });

  it('SDR tier: the follow-up done within 48 h means no escalation', async () => {
    const input = accountRun(sdrFollowUpSla, 'Initech');
    const handle = await startRun(input);
    await waitRegistered(handle.workflowId, 'await-follow-up');
    // 47 hours pass on the server's clock; then the SDR completes the task.
    await env.sleep('47h');
    await handle.signal(eventReceivedSignal, taskCompleted('await-follow-up', 'sdr_follow_up'));

    await expect(handle.result()).resolves.toEqual({ status: 'exited', path: ['notify-sdr', 'await-follow-up'] });
    const waited = waitedMs(input.runId, 'await-follow-up');
    expect(waited).toBeGreaterThanOrEqual(47 * HOUR_MS);
    expect(waited).toBeLessThan(48 * HOUR_MS);
    expect(mailTo('Initech')).toEqual([{ to: ['sam.sdr@tripline.test'], subject: 'Follow up with Initech within 48 h' }]);
    expect(eventLines(harness.workerApi.eventsOf(input.runId))).toContain('step await-follow-up completed received');
  });

  it('SDR tier: not done in 48 h escalates to the manager exactly once', async () => {
    const input = accountRun(sdrFollowUpSla, 'Umbrella');
    const handle = await startRun(input);

    await expect(handle.result()).resolves.toEqual({
      status: 'completed',
      path: ['notify-sdr', 'await-follow-up', 'escalate-to-manager', 'escalated'],
    });
    expect(waitedMs(input.runId, 'await-follow-up')).toBeGreaterThanOrEqual(48 * HOUR_MS);
    expect(mailTo('Umbrella')).toEqual([
      { to: ['sam.sdr@tripline.test'], subject: 'Follow up with Umbrella within 48 h' },
      { to: ['morgan.manager@tripline.test'], subject: 'SLA missed: no SDR follow-up with Umbrella in 48 h' },
    ]);
    const escalationKey = `${handle.workflowId}:escalate-to-manager:1`;
    expect(harness.workerApi.ledgerEntry(WORKSPACE_ID, escalationKey)).toMatchObject({ state: 'completed', claims: 1 });
    expect(harness.workerApi.runWait(handle.workflowId, 'await-follow-up')!.closed).toMatchObject({ outcome: 'timedOut' });

    // A task completed after the escalation changes nothing: the run is over.
    await expect(handle.signal(eventReceivedSignal, taskCompleted('await-follow-up', 'sdr_follow_up'))).rejects.toThrow();
    expect(mailTo('Umbrella')).toHaveLength(2);
  });

  it('AE tier: the joint call not done in 24 h is escalated at 24 h, not 48 h', async () => {
    const input = accountRun(aeEscalationSla, 'Globex');
    const handle = await startRun(input);

    await expect(handle.result()).resolves.toEqual({ status: 'completed', path: ['alert-ae', 'await-call', 'escalate-to-manager', 'escalated'] });
    const waited = waitedMs(input.runId, 'await-call');
    expect(waited).toBeGreaterThanOrEqual(24 * HOUR_MS);
    expect(waited).toBeLessThan(25 * HOUR_MS);
    // The automated action (the alert) is the first step: well within the 1 h SLA of the matrix.
    const events = harness.workerApi.eventsOf(input.runId);
    const alerted = events.find((event) => event.type === 'step' && event.stepId === 'alert-ae' && event.status === 'completed')!;
    expect(Date.parse(alerted.at) - Date.parse(events[0]!.at)).toBeLessThan(HOUR_MS);
    expect(mailTo('Globex')).toEqual([
      { to: ['alex.ae@tripline.test'], subject: 'Urgent: Globex is a High-tier PQL' },
      { to: ['morgan.manager@tripline.test'], subject: 'SLA missed: no AE call with Globex in 24 h' },
    ]);
  });

  it('AE tier: the call task done at 23 h (the wait asks for that task type only) stops the escalation', async () => {
    const input = accountRun(aeEscalationSla, 'Hooli');
    const handle = await startRun(input);
    await waitRegistered(handle.workflowId, 'await-call');
    expect(harness.workerApi.runWait(handle.workflowId, 'await-call')!.request.event).toEqual({
      name: CRM_TASK_COMPLETED,
      where: { property: 'event.properties.taskType', operator: 'eq', value: 'ae_call' },
    });
    await env.sleep('23h');
    await handle.signal(eventReceivedSignal, taskCompleted('await-call', 'ae_call'));
    await expect(handle.result()).resolves.toEqual({ status: 'exited', path: ['alert-ae', 'await-call'] });
    expect(mailTo('Hooli')).toEqual([{ to: ['alex.ae@tripline.test'], subject: 'Urgent: Hooli is a High-tier PQL' }]);
  });
});
