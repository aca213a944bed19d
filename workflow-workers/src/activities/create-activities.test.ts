import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger } from '@temporalio/worker';
import { emailConnector, messageIdFor, startMailCatcher, type MailCatcher } from '@tripline/connector-email';
import { createRegistry } from '@tripline/connector-sdk';
import type { RunEvent } from '@tripline/playbook';
import { InMemoryWorkerApi } from '../test-support/in-memory-worker-api';
import type { ExecuteActionInput } from './activity-types';
import { createActivities } from './create-activities';

const WORKFLOW_ID = 'tripline:ws-1:enrollment-1';

function request(overrides: Partial<ExecuteActionInput> = {}): ExecuteActionInput {
  return {
    workspaceId: 'ws-1',
    runId: 'run-1',
    stepId: 'send',
    visit: 1,
    connector: 'email',
    action: 'send',
    connection: 'smtp',
    input: { to: '{{ person.traits.email }}', subject: 'Hi {{ person.traits.firstName }}', text: 'Hello' },
    context: { person: { id: 'p1', traits: { email: 'ann@example.com', firstName: 'Ann' } } },
    ...overrides,
  };
}

/** Runs an activity as Temporal would, and returns its result or the ApplicationFailure it threw. */
async function run<T>(fn: () => Promise<T>): Promise<T> {
  const env = new MockActivityEnvironment(
    { workflowExecution: { workflowId: WORKFLOW_ID, runId: 'temporal-run' } },
    { logger: new DefaultLogger('ERROR') }, // failures below are expected; keep the output readable
  );
  return env.run(fn);
}

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  return error as ApplicationFailure;
}

describe('createActivities', () => {
  let catcher: MailCatcher;
  let workerApi: InMemoryWorkerApi;
  let activities: ReturnType<typeof createActivities>;

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  });
  afterAll(() => catcher.close());

  beforeEach(async () => {
    await catcher.clear();
    workerApi = new InMemoryWorkerApi();
    workerApi.addConnection('ws-1', {
      id: 'c1',
      name: 'smtp',
      connector: 'email',
      config: { host: '127.0.0.1', port: catcher.smtpPort, from: 'hello@acme.test', username: 'u', password: 'pw-secret' },
    });
    activities = createActivities({ workerApi, connectors: createRegistry([emailConnector]) });
  });

  it('executeAction renders, sends, and records the result in the ledger under the step key', async () => {
    const result = await run(() => activities.executeAction(request()));
    const key = `${WORKFLOW_ID}:send:1`;

    expect(result).toMatchObject({
      fromLedger: false,
      idempotencyKey: key,
      input: { to: 'ann@example.com', subject: 'Hi Ann', text: 'Hello' },
      output: { messageId: messageIdFor(key), accepted: ['ann@example.com'] },
    });
    expect(catcher.messages().map((message) => message.subject)).toEqual(['Hi Ann']);
    expect(workerApi.ledgerEntry('ws-1', key)).toMatchObject({ state: 'completed', result: result.output });
  });

  it('returns the recorded result of a completed step without acting again', async () => {
    const first = await run(() => activities.executeAction(request()));
    const again = await run(() => activities.executeAction(request()));

    expect(again).toEqual({ output: first.output, fromLedger: true, idempotencyKey: first.idempotencyKey, compensation: 'irreversible' });
    expect(catcher.messages()).toHaveLength(1);
  });

  it('a second visit of the same node is a new side effect', async () => {
    await run(() => activities.executeAction(request()));
    const second = await run(() => activities.executeAction(request({ visit: 2 })));
    expect(second.fromLedger).toBe(false);
    expect(catcher.messages()).toHaveLength(2);
  });

  it('refuses a connection of another connector, an unknown action and a bad config, permanently', async () => {
    workerApi.addConnection('ws-1', { id: 'c2', name: 'crm', connector: 'hubspot', config: {} });
    const mismatch = await failureOf(run(() => activities.executeAction(request({ connection: 'crm' }))));
    expect(mismatch).toMatchObject({ type: 'ConnectionMismatch', nonRetryable: true });
    expect(mismatch.message).toBe("step send (email.send) uses connection 'crm', which is a hubspot connection, not email");

    const unknown = await failureOf(run(() => activities.executeAction(request({ action: 'fax' }))));
    expect(unknown).toMatchObject({ type: 'UnknownActionError', nonRetryable: true });
    expect(unknown.message).toBe("Connector 'email' has no action 'fax' (its actions: send)");

    workerApi.addConnection('ws-1', {
      id: 'c3',
      name: 'broken',
      connector: 'email',
      config: { host: 'smtp.test', port: 'twenty-five', from: 'a@b.co', password: 'pw-secret' },
    });
    const badConfig = await failureOf(run(() => activities.executeAction(request({ connection: 'broken' }))));
    expect(badConfig).toMatchObject({ type: 'InvalidInputError', nonRetryable: true });
    expect(badConfig.message).toMatch(/^Invalid connection config for connector 'email': port: /);
    expect(badConfig.message).not.toContain('pw-secret');
  });

  it('a missing connection fails permanently with the API message', async () => {
    const failure = await failureOf(run(() => activities.executeAction(request({ connection: 'nope' }))));
    expect(failure).toMatchObject({ type: 'WorkerApiError', nonRetryable: true });
    expect(failure.message).toBe("No connection 'nope' in workspace ws-1");
  });

  it('recordRunEvent forwards the event to the API', async () => {
    const event: RunEvent = { type: 'run', runId: 'run-1', workspaceId: 'ws-1', status: 'running', at: new Date().toISOString() };
    await run(() => activities.recordRunEvent(event));
    expect(workerApi.events).toEqual([event]);
  });
});
