import { TestWorkflowEnvironment } from '@temporalio/testing';
import { emailConnector, startMailCatcher, type MailCatcher } from '@tripline/connector-email';
import type { OutreachSettings, Playbook, RunEvent } from '@tripline/playbook';
import { InMemoryWorkerApi } from '../src/test-support/in-memory-worker-api';
import type { ConnectionRecord } from '../src/worker-api/worker-api';
import { playbookRun } from '../src/workflows';
import { startConnectorWorker } from './support/connector-worker';
import { annContext, enrollmentWorkflowId, playbookOf, runInputFor, SMTP_CONNECTION, welcomeEmail, WORKSPACE_ID } from './support/playbooks';
import { installQuietRuntime } from './support/quiet-runtime';
import { eventLines } from './support/run-events';
import { temporalCliPath } from './support/temporal-binaries';

jest.setTimeout(120_000);

const DAY_MS = 86_400_000;
const THREE_SECONDS_IN_DAYS = 3000 / DAY_MS;

/**
 * The in-memory worker API, plus a hook the test sets to act "while" a step is between its claim and
 * its commit (the connection lookup sits between them): there another run's claim can race it.
 */
class RacingWorkerApi extends InMemoryWorkerApi {
  beforeConnection?: () => Promise<void>;
  override async getConnection(workspaceId: string, idOrName: string): Promise<ConnectionRecord> {
    const hook = this.beforeConnection;
    this.beforeConnection = undefined;
    await hook?.();
    return super.getConnection(workspaceId, idOrName);
  }
}

/** send email → end, with the playbook's outreach settings. */
function emailPlaybook(id: string, outreach?: OutreachSettings): Playbook {
  return {
    ...playbookOf('send', { send: welcomeEmail(), done: { kind: 'end' } }, [{ from: 'send', to: 'done' }]),
    id,
    ...(outreach ? { outreach } : {}),
  };
}

describe('per-contact frequency caps in playbook runs (Temporal dev server, real SMTP catcher)', () => {
  let env: TestWorkflowEnvironment;
  let catcher: MailCatcher;
  let worker: Awaited<ReturnType<typeof startConnectorWorker>>;
  let api: RacingWorkerApi;

  beforeAll(async () => {
    installQuietRuntime();
    env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: temporalCliPath() }, log: { format: 'pretty', level: 'error' } },
    });
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    api = new RacingWorkerApi();
    api.addConnection(WORKSPACE_ID, { id: 'conn-1', name: SMTP_CONNECTION, connector: 'email', config: { host: '127.0.0.1', port: catcher.smtpPort, from: 'Acme <hello@acme.test>' } });
    worker = await startConnectorWorker(env, [emailConnector], { workerApi: api });
  });

  afterAll(async () => {
    await worker?.stop();
    await catcher?.close();
    await env?.teardown();
  });

  beforeEach(async () => {
    await catcher.clear();
    api.frequencyCaps.claims.clear();
    api.frequencyCaps.rules = [{ channel: 'email', max: 1, days: 7 }];
  });

  async function run(playbook: Playbook, context = annContext) {
    const input = runInputFor(playbook, context);
    const result = await env.client.workflow.execute(playbookRun, { workflowId: enrollmentWorkflowId(), taskQueue: worker.taskQueue, args: [input] });
    const steps = api.eventsOf(input.runId).filter((event): event is Extract<RunEvent, { type: 'step' }> => event.type === 'step');
    return { input, result, steps, lines: eventLines(api.eventsOf(input.runId)) };
  }

  it('a second outreach to the same contact within the window is skipped with the reason, and the run goes on', async () => {
    await run(emailPlaybook('pb-welcome'));
    const second = await run(emailPlaybook('pb-other'));
    expect(second.result).toEqual({ status: 'completed', path: ['send', 'done'] });
    expect(second.lines).toEqual(['run running', 'step send running', 'step send skipped', 'step done running', 'step done completed', 'run completed']);
    const skipped = second.steps.find((event) => event.status === 'skipped')!;
    expect(skipped.output).toMatchObject({ skipped: 'frequencyCap', reason: 'frequency cap: the contact was already reached (at most 1 per 7 days on email)' });
    expect(catcher.messages()).toHaveLength(1);
    // Another contact is not capped.
    await run(emailPlaybook('pb-other'), { ...annContext, person: { id: 'person-bob', traits: { email: 'bob@example.com', firstName: 'Bob', plan: 'pro' } } });
    expect(catcher.messages().map((message) => message.to)).toEqual([['ann@example.com'], ['bob@example.com']]);
  });

  it('with whenCapped "wait", the step sleeps (a durable timer) until the window allows it, then sends', async () => {
    // A 3-second window, so the wait is real time on the dev server (the same code waits 7 days).
    api.frequencyCaps.rules = [{ channel: 'email', max: 1, days: THREE_SECONDS_IN_DAYS }];
    await run(emailPlaybook('pb-welcome'));
    const waiting = await run(emailPlaybook('pb-patient', { whenCapped: 'wait' }));
    expect(waiting.lines.filter((line) => line.startsWith('step send'))).toEqual(['step send running', 'step send completed']);
    expect(catcher.messages()).toHaveLength(2);
    // The second claim was granted only once the window had passed since the first.
    const [first, second] = [...api.frequencyCaps.claims.values()].map((claim) => claim.claimedAt);
    expect(second! - first!).toBeGreaterThanOrEqual(3000);
  });

  it('a higher-priority playbook takes over a reservation not sent yet; the lower one is skipped, saying why', async () => {
    api.beforeConnection = async () => {
      // A run of a higher-priority playbook claims Ann between this step's claim and its commit.
      const answer = await api.frequencyCaps.claim({
        workspaceId: WORKSPACE_ID,
        key: 'tripline:ws-test:pql-run:alert:1',
        contact: { kind: 'person', id: 'person-ann' },
        channel: 'email',
        playbookId: 'pb-pql',
        runId: 'pql-run',
        priority: 90,
      });
      expect(answer).toMatchObject({ granted: true, tookOverFrom: expect.stringContaining(':send:1') });
    };
    const low = await run(emailPlaybook('pb-nurture', { priority: 10 }));
    const skipped = low.steps.find((event) => event.stepId === 'send' && event.status === 'skipped');
    expect(skipped?.output).toMatchObject({
      skipped: 'frequencyCap',
      reason: 'frequency cap: the contact was taken over by playbook pb-pql (priority 90 > 10) before this step sent anything',
    });
    expect(catcher.messages()).toEqual([]);
  });

  it('a higher-priority claim cannot take over an outreach already sent', async () => {
    await run(emailPlaybook('pb-nurture', { priority: 10 }));
    const urgent = await run(emailPlaybook('pb-pql', { priority: 90 }));
    expect(urgent.steps.find((event) => event.stepId === 'send' && event.status !== 'running')?.status).toBe('skipped');
    expect(catcher.messages()).toHaveLength(1);
  });
});
