import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { CHANGE_APPROVAL_WORKFLOW, CHANGE_CLOSED_SIGNAL, CHANGE_LEVEL_ADVANCED_SIGNAL } from '@tripline/playbook';
import { DataSource } from 'typeorm';
import { Transactions } from '../src/database/transactions';
import { OutboxMessageEntity } from '../src/outbox/outbox-message.entity';
import { addSignalWorkflow, addStartWorkflow } from '../src/outbox/workflow-payloads';
import { createPlaybook, decide, ok, playbookDocument, startGovernanceApp, storePolicy, submit, type GovernanceApp } from './governance-support/governance-app';
import { freePort, startTemporalDevServer } from './ingest-support/temporal-dev-server';
import { waitFor } from './ingest-support/wait-for';

jest.setTimeout(180_000);

/**
 * The outbox's generic row kinds against a real Temporal dev server: a submit starts the request's
 * changeApproval workflow (no worker runs it here: it just waits, which is all the dispatcher needs),
 * transitions reach it as signals in order, and a signal to a workflow that does not exist is done.
 * SQLite only: the dispatcher is the same code on both databases (the outbox rows themselves are
 * checked on both in governance-requests.test.ts).
 */
describe('changeApproval workflows dispatched from the outbox (Temporal dev server)', () => {
  let temporal: TestWorkflowEnvironment;
  let g: GovernanceApp;
  const taskQueue = `governance-${randomUUID()}`;

  beforeAll(async () => {
    const port = await freePort();
    temporal = await startTemporalDevServer(port);
    g = await startGovernanceApp('sqlite', { TEMPORAL_ADDRESS: `127.0.0.1:${port}`, TRIPLINE_TASK_QUEUE: taskQueue });
    await storePolicy(g, {
      levels: [
        { name: 'Approver', approvers: { roles: ['approver'] }, required: 1, when: { always: true }, timeout: '72h' },
        { name: 'Admin', approvers: { roles: ['admin'] }, required: 1, when: { always: true }, timeout: '72h' },
      ],
    });
  });

  afterAll(async () => {
    await g?.t.close();
    await temporal?.teardown();
  });

  const rowsOf = async (workflowId: string) =>
    (await g.t.app.get(DataSource).getRepository(OutboxMessageEntity).find({ order: { id: 'ASC' } })).filter(
      (row) => (row.payload as { workflowId?: string }).workflowId === workflowId,
    );
  const allDispatched = (workflowId: string, count: number) =>
    waitFor(`${count} dispatched outbox rows of ${workflowId}`, async () => {
      const rows = await rowsOf(workflowId);
      return rows.length === count && rows.every((row) => row.status === 'dispatched') ? rows : undefined;
    });

  it('starts the workflow on the API task queue and delivers level and close signals in order', async () => {
    const id = await createPlaybook(g, g.ed, 'Dispatched', playbookDocument(`E ${randomUUID()}`));
    const request = ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: id }), 'submit').submitChangeRequest;
    await allDispatched(request.workflowId, 1);
    const handle = temporal.client.workflow.getHandle(request.workflowId);
    const description = await handle.describe();
    expect(description).toMatchObject({ type: CHANGE_APPROVAL_WORKFLOW, taskQueue, status: { name: 'RUNNING' } });

    ok(await decide(g, g.ann, request.id, 'APPROVE'), 'decide');
    ok(await decide(g, g.admin, request.id, 'APPROVE'), 'decide');
    const rows = await allDispatched(request.workflowId, 3);
    expect(rows.map((row) => row.lastError)).toEqual([null, null, null]);

    const history = await handle.fetchHistory();
    const started = history.events!.find((event) => event.workflowExecutionStartedEventAttributes)!.workflowExecutionStartedEventAttributes!;
    expect(started.workflowType?.name).toBe(CHANGE_APPROVAL_WORKFLOW);
    const signals = history.events!.filter((event) => event.workflowExecutionSignaledEventAttributes).map((event) => event.workflowExecutionSignaledEventAttributes!.signalName);
    expect(signals).toEqual([CHANGE_LEVEL_ADVANCED_SIGNAL, CHANGE_CLOSED_SIGNAL]);
    await handle.terminate('test over');
  });

  it('holds a signal back while its workflow start is still waiting in the outbox', async () => {
    const workflowId = `tripline-change:${g.workspaceId}:${randomUUID()}:1`;
    const transactions = g.t.app.get(Transactions);
    // The start is backing off (as after a failed try); its signal is due now.
    await transactions.run((manager) =>
      addStartWorkflow(manager, { workspaceId: g.workspaceId, workflowType: CHANGE_APPROVAL_WORKFLOW, workflowId, args: [{ workspaceId: g.workspaceId, requestId: 'r', attempt: 1, levels: [] }] }, new Date(Date.now() + 3_600_000)),
    );
    await transactions.run((manager) => addSignalWorkflow(manager, { workspaceId: g.workspaceId, workflowId, signal: CHANGE_CLOSED_SIGNAL, input: { attempt: 1, status: 'recalled' } }));
    const held = await waitFor('the signal to be tried and held back', async () => {
      const [, signal] = await rowsOf(workflowId);
      return signal && signal.attempts > 0 ? signal : undefined;
    });
    expect(held).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/is still waiting in the outbox: this signal goes after it/) });

    const [start] = await rowsOf(workflowId);
    await g.t.app.get(DataSource).getRepository(OutboxMessageEntity).update({ id: start!.id }, { availableAt: new Date() });
    await allDispatched(workflowId, 2);
    const history = await temporal.client.workflow.getHandle(workflowId).fetchHistory();
    expect(history.events!.filter((event) => event.workflowExecutionSignaledEventAttributes).map((event) => event.workflowExecutionSignaledEventAttributes!.signalName)).toEqual([
      CHANGE_CLOSED_SIGNAL,
    ]);
    await temporal.client.workflow.getHandle(workflowId).terminate('test over');
  });

  it('counts a signal to a workflow that does not exist as done, with a note', async () => {
    const workflowId = `tripline-change:${g.workspaceId}:${randomUUID()}:1`;
    await g.t.app.get(Transactions).run((manager) => addSignalWorkflow(manager, { workspaceId: g.workspaceId, workflowId, signal: CHANGE_CLOSED_SIGNAL, input: { attempt: 1, status: 'recalled' } }));
    const [row] = await allDispatched(workflowId, 1);
    expect(row!.lastError).toMatch(/not found or had already closed/);
  });
});
