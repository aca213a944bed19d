import { WorkflowFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { hubspotConnector, startFakeHubSpot, type FakeHubSpot } from '@tripline/connector-hubspot';
import { clearSessionCache, createFakeSalesforce, externalIdFor, salesforceConnector, type FakeSalesforce } from '@tripline/connector-salesforce';
import { slackConnector, STEP_METADATA_EVENT_TYPE } from '@tripline/connector-slack';
import { startFakeSlack, type FakeSlack } from '@tripline/connector-slack/src/test-support/fake-slack-server';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyTriplineSignature, webhookConnector } from '@tripline/connector-webhook';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from '@tripline/connector-webhook/src/test-support/fake-webhook-receiver';
import type { ActionStep, EvaluationContext, Playbook, RunEvent } from '@tripline/playbook';
import { rateLimitOverrides } from '../src/activities/rate-limit-config';
import { playbookRun } from '../src/workflows';
import { startConnectorWorker } from './support/connector-worker';
import { enrollmentWorkflowId, playbookOf, runInputFor, WORKSPACE_ID } from './support/playbooks';
import { installQuietRuntime } from './support/quiet-runtime';
import { eventLines } from './support/run-events';
import { temporalCliPath } from './support/temporal-binaries';

// The real connectors, inside real playbook runs: a Temporal dev server, the worker's workflow
// bundle and activities, and each vendor's fake server (its documented API) on 127.0.0.1.
jest.setTimeout(180_000);

const WEBHOOK_SECRET = 'connectors-in-runs-secret-0123456789';

/** One attempt: a failing step fails the run at once instead of after the default retries. */
const once = { maximumAttempts: 1 };

async function waitUntil(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('write connectors inside playbook runs on a real Temporal dev server', () => {
  let env: TestWorkflowEnvironment;
  let worker: Awaited<ReturnType<typeof startConnectorWorker>>;
  let hubspot: FakeHubSpot;
  let salesforce: FakeSalesforce;
  let slack: FakeSlack;
  let receiver: FakeWebhookReceiver;
  /** Ada at the fake HubSpot and in Salesforce; the run context carries her ids as traits. */
  let ada: { hubspotContactId: string; salesforceContactId: string };

  beforeAll(async () => {
    installQuietRuntime();
    clearSessionCache();
    [env, hubspot, salesforce, slack, receiver] = await Promise.all([
      TestWorkflowEnvironment.createLocal({
        server: { executable: { type: 'existing-path', path: temporalCliPath() }, log: { format: 'pretty', level: 'error' } },
      }),
      startFakeHubSpot(),
      createFakeSalesforce(),
      startFakeSlack(),
      startFakeWebhookReceiver({ secret: WEBHOOK_SECRET }),
    ]);
    const contact = hubspot.store.create('contacts', { email: 'ada@acme.test', firstname: 'Ada', lastname: 'Lovelace', lifecyclestage: 'lead' });
    ada = { hubspotContactId: contact.id, salesforceContactId: salesforce.org.insert('Contact', { LastName: 'Lovelace', FirstName: 'Ada' }).Id };

    worker = await startConnectorWorker(env, [hubspotConnector, salesforceConnector, slackConnector, webhookConnector]);
    registerConnections(worker.workerApi);
  });

  afterAll(async () => {
    await worker?.stop();
    await Promise.all([hubspot?.close(), salesforce?.close(), slack?.close(), receiver?.close()]);
    await env?.teardown();
  });

  /** The connections a workspace admin would save, pointed at the fakes. */
  function registerConnections(workerApi: typeof worker.workerApi): void {
    workerApi.addConnection(WORKSPACE_ID, { id: 'conn-hubspot', name: 'hubspot', connector: 'hubspot', config: { accessToken: hubspot.accessToken, baseUrl: hubspot.url } });
    workerApi.addConnection(WORKSPACE_ID, {
      id: 'conn-salesforce',
      name: 'salesforce',
      connector: 'salesforce',
      config: { grantType: 'refreshToken', loginUrl: salesforce.url, clientId: salesforce.oauth.clientId, clientSecret: salesforce.oauth.clientSecret, refreshToken: salesforce.oauth.refreshToken },
    });
    workerApi.addConnection(WORKSPACE_ID, {
      id: 'conn-slack',
      name: 'slack',
      connector: 'slack',
      config: { botToken: slack.botToken, apiBaseUrl: `${slack.url}/api`, allowLoopbackUrls: true },
    });
    workerApi.addConnection(WORKSPACE_ID, {
      id: 'conn-webhook',
      name: 'webhook',
      connector: 'webhook',
      config: { url: `${receiver.url}/hooks/tripline`, secret: WEBHOOK_SECRET, allowPrivateNetworks: true },
    });
  }

  /** A PQL signal for Ada: what the templates of the steps below read. */
  const adaContext = (): EvaluationContext => ({
    event: { name: 'PQL Reached', properties: { score: 87, topFeature: 'dashboards' } },
    person: {
      id: 'person-ada',
      traits: { email: 'ada@acme.test', firstName: 'Ada', plan: 'team', hubspotContactId: ada.hubspotContactId, salesforceContactId: ada.salesforceContactId },
    },
  });

  const step = (connector: string, action: string, input: Record<string, unknown>, extra: Partial<ActionStep> = {}): ActionStep => ({
    kind: 'action',
    connector,
    action,
    connection: connector,
    input,
    retry: once,
    ...extra,
  });

  /** A HubSpot step HubSpot itself refuses (400 INVALID_OWNER_ID): the "later step failing". */
  const hubspotRefusal = () => step('hubspot', 'createTask', { subject: 'Never created', contactId: '{{ person.traits.hubspotContactId }}', ownerId: '99999999' });

  async function run(playbook: Playbook, context = adaContext(), taskQueue = worker.taskQueue) {
    const input = runInputFor(playbook, context);
    const workflowId = enrollmentWorkflowId();
    const handle = await env.client.workflow.start(playbookRun, { workflowId, taskQueue, args: [input] });
    const outcome = await handle.result().then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error }),
    );
    return { ...outcome, workflowId, runId: input.runId };
  }

  const events = (runId: string) => worker.workerApi.eventsOf(runId);
  const completedOutput = <T>(runId: string, stepId: string) =>
    (events(runId).find((event) => event.type === 'step' && event.stepId === stepId && event.status === 'completed') as Extract<RunEvent, { type: 'step' }> | undefined)?.output as T;
  const finalRunEvent = (runId: string) => events(runId).filter((event): event is Extract<RunEvent, { type: 'run' }> => event.type === 'run').at(-1);
  const tasksAt = () => hubspot.store.all('tasks');
  const taskValue = (id: string, name: string) => hubspot.store.value(hubspot.store.get('tasks', id)!, name);

  describe('HubSpot', () => {
    it('createTask renders its LiquidJS inputs from the run context and creates exactly one task, found by the step key', async () => {
      const before = tasksAt().length;
      const playbook = playbookOf(
        'task',
        {
          task: step('hubspot', 'createTask', {
            subject: 'Call {{ person.traits.firstName }}: PQL score {{ event.properties.score }}',
            body: 'Top feature: {{ event.properties.topFeature | upcase }}',
            contactId: '{{ person.traits.hubspotContactId }}',
            priority: 'HIGH',
          }),
        },
        [],
      );
      const { result, error, workflowId, runId } = await run(playbook);
      expect(error).toBeUndefined();
      expect(result).toEqual({ status: 'exited', path: ['task'] });

      expect(tasksAt()).toHaveLength(before + 1);
      const output = completedOutput<{ taskId: string; created: boolean }>(runId, 'task');
      expect(output).toMatchObject({ created: true });
      expect(taskValue(output.taskId, 'hs_task_subject')).toBe('Call Ada: PQL score 87');
      expect(taskValue(output.taskId, 'hs_task_body')).toBe('Top feature: DASHBOARDS');
      expect(taskValue(output.taskId, 'hs_task_priority')).toBe('HIGH');
      // Findable by the step's idempotency key: a retried step would find it instead of creating another.
      expect(taskValue(output.taskId, 'tripline_idempotency_key')).toBe(`${workflowId}:task:1`);
      expect(hubspot.store.get('tasks', output.taskId)!.associations).toEqual(
        expect.arrayContaining([{ type: 'contacts', id: ada.hubspotContactId, associationTypeId: 204 }]),
      );
      expect(worker.workerApi.ledgerEntry(WORKSPACE_ID, `${workflowId}:task:1`)).toMatchObject({ state: 'completed', claims: 1 });
    });

    it('a later step failing compensates the run: the task is deleted at HubSpot', async () => {
      const playbook = playbookOf(
        'task',
        { task: step('hubspot', 'createTask', { subject: 'Follow up with {{ person.traits.firstName }} (to undo)', contactId: '{{ person.traits.hubspotContactId }}' }), boom: hubspotRefusal() },
        [{ from: 'task', to: 'boom' }],
      );
      const { error, runId } = await run(playbook);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      // The run's failure is the activity's, caused by HubSpot's 400 answer.
      expect(((error as WorkflowFailedError).cause?.cause as Error | undefined)?.message).toMatch(/INVALID_OWNER_ID/);

      const { taskId } = completedOutput<{ taskId: string }>(runId, 'task');
      // Archived at the fake: gone from the CRM, and nothing else with that subject remains.
      expect(hubspot.store.get('tasks', taskId)).toBeUndefined();
      expect(tasksAt().map((task) => hubspot.store.value(task, 'hs_task_subject'))).not.toContain('Follow up with Ada (to undo)');
      expect(hubspot.requests.filter((request) => request.method === 'DELETE' && request.path === `/crm/v3/objects/tasks/${taskId}`)).toHaveLength(1);
      const lines = eventLines(events(runId));
      expect(lines.slice(lines.indexOf('step boom failed'))).toEqual(['step boom failed', 'step task:undo running', 'step task:undo completed', 'run failed']);
      expect(finalRunEvent(runId)!.error).toMatch(/undone: task$/);
    });

    it('updateContactProperties followed by a failure restores the previous values at HubSpot', async () => {
      const contact = hubspot.store.create('contacts', { email: 'grace@acme.test', firstname: 'Grace', lifecyclestage: 'lead', product_engagement_score: '12' });
      const context = adaContext();
      context.person!.traits = { ...context.person!.traits, hubspotContactId: contact.id };
      const playbook = playbookOf(
        'promote',
        {
          promote: step('hubspot', 'updateContactProperties', {
            contactId: '{{ person.traits.hubspotContactId }}',
            properties: { lifecyclestage: 'salesqualifiedlead', product_engagement_score: '{{ event.properties.score }}', jobtitle: 'PQL' },
          }),
          boom: hubspotRefusal(),
        },
        [{ from: 'promote', to: 'boom' }],
      );
      const { error, runId } = await run(playbook, context);
      expect(error).toBeInstanceOf(WorkflowFailedError);

      // The update really happened (history shows it), then was put back.
      expect(completedOutput(runId, 'promote')).toEqual({
        recordId: contact.id,
        previous: { lifecyclestage: 'lead', product_engagement_score: '12', jobtitle: null },
        values: { lifecyclestage: 'salesqualifiedlead', product_engagement_score: '87', jobtitle: 'PQL' },
      });
      const record = hubspot.store.get('contacts', contact.id)!;
      expect(record.history.get('lifecyclestage')!.map((entry) => entry.value)).toEqual(['lead', 'salesqualifiedlead', 'lead']);
      expect(hubspot.store.value(record, 'lifecyclestage')).toBe('lead');
      expect(hubspot.store.value(record, 'product_engagement_score')).toBe('12');
      expect(hubspot.store.value(record, 'jobtitle')).toBeNull();
      expect(eventLines(events(runId))).toContain('step promote:undo completed');
    });
  });

  describe('Salesforce', () => {
    const sfTask = (subject: string) =>
      step('salesforce', 'createTask', {
        subject,
        description: 'Score {{ event.properties.score }}, top feature {{ event.properties.topFeature }}',
        whoId: '{{ person.traits.salesforceContactId }}',
        priority: 'High',
      });
    const tasksWithKey = (key: string) => salesforce.org.list('Task').filter((task) => task.Tripline_Key__c === externalIdFor(key));

    it('createTask creates one Task, found by its External ID (the step key)', async () => {
      const playbook = playbookOf('task', { task: sfTask('Call {{ person.traits.firstName }} about the PQL') }, []);
      const { result, error, workflowId, runId } = await run(playbook);
      expect(error).toBeUndefined();
      expect(result).toEqual({ status: 'exited', path: ['task'] });
      const found = tasksWithKey(`${workflowId}:task:1`);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        Subject: 'Call Ada about the PQL',
        Description: 'Score 87, top feature dashboards',
        WhoId: ada.salesforceContactId,
        Priority: 'High',
      });
      expect(completedOutput(runId, 'task')).toMatchObject({ id: found[0]!.Id, created: true });
    });

    it('a later failure undoes the Task (deleted at Salesforce)', async () => {
      // Salesforce refuses the second task: its WhoId points at no record (INVALID_CROSS_REFERENCE_KEY).
      const refused = step('salesforce', 'createTask', { subject: 'Never created', whoId: '003000000000000AAA' });
      const playbook = playbookOf('task', { task: sfTask('Call {{ person.traits.firstName }}, then undo'), boom: refused }, [{ from: 'task', to: 'boom' }]);
      const { error, workflowId, runId } = await run(playbook);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      const { id } = completedOutput<{ id: string }>(runId, 'task');
      expect(id).toMatch(/^00T/);
      expect(salesforce.org.get('Task', id)).toBeUndefined();
      expect(tasksWithKey(`${workflowId}:task:1`)).toEqual([]);
      expect(tasksWithKey(`${workflowId}:boom:1`)).toEqual([]);
      const lines = eventLines(events(runId));
      expect(lines.slice(lines.indexOf('step boom failed'))).toEqual(['step boom failed', 'step task:undo running', 'step task:undo completed', 'run failed']);
    });
  });

  describe('Slack and outbound webhooks', () => {
    it('Slack postMessage posts exactly one message, with the bot token and the step key in its metadata', async () => {
      const before = slack.requests.filter((request) => request.path === '/api/chat.postMessage').length;
      const playbook = playbookOf(
        'alert',
        { alert: step('slack', 'postMessage', { channel: '#pql-alerts', text: ':fire: {{ person.traits.firstName }} reached PQL ({{ event.properties.score }})' }) },
        [],
      );
      const { result, error, workflowId, runId } = await run(playbook);
      expect(error).toBeUndefined();
      expect(result).toEqual({ status: 'exited', path: ['alert'] });

      const posts = slack.requests.filter((request) => request.path === '/api/chat.postMessage').slice(before);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.headers.authorization).toBe(`Bearer ${slack.botToken}`);
      const { ts } = completedOutput<{ channel: string; ts: string }>(runId, 'alert');
      const posted = slack.messages.filter((message) => message.ts === ts);
      expect(posted).toEqual([
        expect.objectContaining({
          channel: 'C0PQLALERT',
          text: ':fire: Ada reached PQL (87)',
          metadata: { event_type: STEP_METADATA_EVENT_TYPE, event_payload: { idempotency_key: `${workflowId}:alert:1` } },
        }),
      ]);
    });

    it('a Slack alert posted before a failure is deleted by the run\'s compensation', async () => {
      const playbook = playbookOf(
        'alert',
        { alert: step('slack', 'postMessage', { channel: 'C0PQLALERT', text: '{{ person.traits.firstName }}: taken back later' }), boom: hubspotRefusal() },
        [{ from: 'alert', to: 'boom' }],
      );
      const { error, runId } = await run(playbook);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      const { ts } = completedOutput<{ ts: string }>(runId, 'alert');
      expect(slack.messages.filter((message) => message.ts === ts)).toEqual([]);
      expect(slack.requests.filter((request) => request.path === '/api/chat.delete' && (request.body as { ts?: string }).ts === ts)).toHaveLength(1);
    });

    it('webhook send delivers exactly one signed request with the step key as Idempotency-Key', async () => {
      const before = receiver.requests.length;
      const playbook = playbookOf(
        'notify',
        {
          notify: step('webhook', 'send', {
            url: `${receiver.url}/hooks/pql`,
            body: { event: 'pql', email: '{{ person.traits.email }}', score: '{{ event.properties.score }}' },
            headers: { 'X-Playbook': 'pql-{{ person.traits.plan }}' },
          }),
        },
        [],
      );
      const { result, error, workflowId, runId } = await run(playbook);
      expect(error).toBeUndefined();
      expect(result).toEqual({ status: 'exited', path: ['notify'] });

      const received = receiver.requests.slice(before);
      expect(received).toHaveLength(1);
      const [request] = received;
      expect(request).toMatchObject({ method: 'POST', path: '/hooks/pql', body: { event: 'pql', email: 'ada@acme.test', score: '87' } });
      expect(request!.headers['x-playbook']).toBe('pql-team');
      expect(request!.headers['idempotency-key']).toBe(`${workflowId}:notify:1`);
      const timestamp = request!.headers[TIMESTAMP_HEADER.toLowerCase()];
      const signature = request!.headers[SIGNATURE_HEADER.toLowerCase()];
      expect(verifyTriplineSignature(WEBHOOK_SECRET, timestamp, request!.rawBody, signature, request!.receivedAt, 300)).toEqual(expect.objectContaining({ ok: true }));
      // The signature is over these bytes with this secret: another secret or a changed body fails.
      expect(verifyTriplineSignature('some-other-secret-0123456789', timestamp, request!.rawBody, signature, request!.receivedAt, 300)).toMatchObject({ ok: false, reason: 'signature_mismatch' });
      expect(verifyTriplineSignature(WEBHOOK_SECRET, timestamp, Buffer.from(request!.rawBody.toString('utf8').replace('87', '88')), signature, request!.receivedAt, 300)).toMatchObject({ ok: false });
      expect(receiver.deliveries.filter((delivery) => delivery.idempotencyKey === `${workflowId}:notify:1`)).toHaveLength(1);
      expect(completedOutput(runId, 'notify')).toMatchObject({ status: 200, redirects: 0 });
    });
  });

  describe('rate limits across runs', () => {
    it('TRIPLINE_WEBHOOK_RATE_PER_SECOND=2 spreads the sends of 8 concurrent runs over at least ~3 s', async () => {
      const rateLimits = rateLimitOverrides({ TRIPLINE_WEBHOOK_RATE_PER_SECOND: '2' }, [webhookConnector]);
      expect(rateLimits).toEqual({ webhook: 2 });
      const limited = await startConnectorWorker(env, [webhookConnector], { workerApi: worker.workerApi, rateLimits });
      try {
        expect(limited.workers.connectorWorkers.get('webhook')!.options.maxTaskQueueActivitiesPerSecond).toBe(2);
        const sendTimes = async (taskQueue: string, tag: string) => {
          const playbook = playbookOf('send', { send: step('webhook', 'send', { url: `${receiver.url}/hooks/${tag}`, body: { run: '{{ event.properties.n }}' } }) }, []);
          const contexts = Array.from({ length: 8 }, (_, n) => ({ ...adaContext(), event: { name: 'PQL Reached', properties: { n } } }));
          const outcomes = await Promise.all(contexts.map((context) => run(playbook, context, taskQueue)));
          expect(outcomes.map((outcome) => outcome.error)).toEqual(Array(8).fill(undefined));
          const times = receiver.requests.filter((request) => request.path === `/hooks/${tag}`).map((request) => request.receivedAt);
          expect(times).toHaveLength(8);
          return Math.max(...times) - Math.min(...times);
        };
        // 8 dispatches at 2/s are 3.5 s apart in theory (first to last); the bound leaves room for a burst token.
        expect(await sendTimes(limited.taskQueue, 'limited')).toBeGreaterThanOrEqual(2500);
      } finally {
        await limited.stop();
      }
    });
  });
});
