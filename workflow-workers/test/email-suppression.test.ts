import { TestWorkflowEnvironment } from '@temporalio/testing';
import { emailConnector, startMailCatcher, type MailCatcher } from '@tripline/connector-email';
import type { Playbook, RunEvent } from '@tripline/playbook';
import { InMemoryWorkerApi } from '../src/test-support/in-memory-worker-api';
import { playbookRun } from '../src/workflows';
import { startConnectorWorker } from './support/connector-worker';
import { annContext, enrollmentWorkflowId, playbookOf, runInputFor, SMTP_CONNECTION, welcomeEmail, WORKSPACE_ID } from './support/playbooks';
import { installQuietRuntime } from './support/quiet-runtime';
import { eventLines } from './support/run-events';
import { temporalCliPath } from './support/temporal-binaries';

jest.setTimeout(120_000);

/** send email → end. */
const emailPlaybook: Playbook = playbookOf('send', { send: welcomeEmail(), done: { kind: 'end' } }, [{ from: 'send', to: 'done' }]);

describe('the email suppression list in playbook runs (Temporal dev server, real SMTP catcher)', () => {
  let env: TestWorkflowEnvironment;
  let catcher: MailCatcher;
  let worker: Awaited<ReturnType<typeof startConnectorWorker>>;
  let api: InMemoryWorkerApi;

  beforeAll(async () => {
    installQuietRuntime();
    env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: temporalCliPath() }, log: { format: 'pretty', level: 'error' } },
    });
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    api = new InMemoryWorkerApi();
    api.addConnection(WORKSPACE_ID, { id: 'conn-1', name: SMTP_CONNECTION, connector: 'email', config: { host: '127.0.0.1', port: catcher.smtpPort, from: 'Acme <hello@acme.test>' } });
    worker = await startConnectorWorker(env, [emailConnector], { workerApi: api });
  });

  afterAll(async () => {
    await worker?.stop();
    await catcher?.close();
    await env?.teardown();
  });

  async function run() {
    const input = runInputFor(emailPlaybook, annContext);
    const result = await env.client.workflow.execute(playbookRun, { workflowId: enrollmentWorkflowId(), taskQueue: worker.taskQueue, args: [input] });
    const steps = api.eventsOf(input.runId).filter((event): event is Extract<RunEvent, { type: 'step' }> => event.type === 'step');
    return { input, result, steps, lines: eventLines(api.eventsOf(input.runId)) };
  }

  it('sends with List-Unsubscribe for the recipient; once suppressed, the step is skipped with the reason and the run goes on', async () => {
    const first = await run();
    expect(first.result).toEqual({ status: 'completed', path: ['send', 'done'] });
    const message = await catcher.waitFor((candidate) => candidate.to.includes('ann@example.com'));
    expect(message.headers?.['list-unsubscribe']).toMatch(/^<https:\/\/tripline\.test\/v1\/unsubscribe\/.+>$/);
    expect(message.headers?.['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(api.unsubscribeLinks.at(-1)).toMatchObject({ workspaceId: WORKSPACE_ID, email: 'ann@example.com', runId: first.input.runId });

    api.suppress(WORKSPACE_ID, 'Ann@Example.com', 'unsubscribe');
    await catcher.clear();
    const second = await run();
    expect(second.result).toEqual({ status: 'completed', path: ['send', 'done'] });
    expect(second.lines).toEqual(['run running', 'step send running', 'step send skipped', 'step done running', 'step done completed', 'run completed']);
    expect(second.steps.find((event) => event.status === 'skipped')!.output).toEqual({
      skipped: 'suppressed',
      reason: "not sent: on the workspace's email suppression list: ann@example.com (unsubscribe)",
      emails: ['ann@example.com'],
    });
    expect(catcher.messages()).toEqual([]);
    // Nothing was reserved under the frequency caps for the skipped send.
    expect([...api.frequencyCaps.claims.values()]).toHaveLength(1);
  });
});
