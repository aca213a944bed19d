import { defaultPayloadConverter, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEFAULT_TASK_QUEUE, PLAYBOOK_RUN_WORKFLOW, PlaybookRunInput, workflowIdForEnrollment } from '@tripline/playbook';
import { OutboxMessageEntity } from '../src/outbox/outbox-message.entity';
import { RunEntity } from '../src/runs/run.entity';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp, TEST_WRITE_KEY } from './support/test-app';
import { publishPlaybook, PublishedForTest } from './ingest-support/publish-playbook';
import { dataSourceOf, findAll, messageId, postSegment } from './ingest-support/segment-requests';
import { freePort, startTemporalDevServer } from './ingest-support/temporal-dev-server';
import { waitFor } from './ingest-support/wait-for';

jest.setTimeout(120_000);

async function workflowInput(handle: WorkflowHandle): Promise<PlaybookRunInput> {
  const history = await handle.fetchHistory();
  const payloads = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads!;
  return defaultPayloadConverter.fromPayload(payloads[0]) as PlaybookRunInput;
}

describe.each(databaseKindsUnderTest())('outbox dispatcher with real Temporal on %s', (kind) => {
  let t: TestApp;
  let temporal: TestWorkflowEnvironment | undefined;
  let temporalPort: number;
  let workspaceId: string;

  beforeAll(async () => {
    // The API starts pointed at a port where Temporal is not running yet.
    temporalPort = await freePort();
    t = await startTestApp(kind, { TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}` });
    workspaceId = (await t.app.get(WorkspacesService).findByWriteKey(TEST_WRITE_KEY))!.id;
  });
  afterAll(async () => {
    await t?.close();
    await temporal?.teardown();
  });

  /** Tests after the outage test find Temporal up; run alone, they start it themselves. */
  const temporalUp = async () => {
    temporal ??= await startTemporalDevServer(temporalPort);
    return temporal;
  };
  const rowFor = async (playbookId: string) => {
    const rows = (await findAll(t, OutboxMessageEntity, {})).filter((r) => r.payload.playbookId === playbookId);
    expect(rows.length).toBeLessThanOrEqual(1);
    return rows[0] as OutboxMessageEntity | undefined;
  };
  const dispatchedRow = (playbookId: string) =>
    waitFor(`the outbox row of ${playbookId} to be dispatched`, async () => {
      const row = await rowFor(playbookId);
      return row?.status === 'dispatched' ? row : undefined;
    }, 40_000);

  async function expectStartedRun(playbook: PublishedForTest, row: OutboxMessageEntity) {
    const workflowId = workflowIdForEnrollment(workspaceId, row.payload.enrollmentKey);
    expect(workflowId).toBe(`tripline:${workspaceId}:${row.payload.enrollmentKey}`);
    const handle = temporal!.client.workflow.getHandle(workflowId);
    const description = await handle.describe();
    expect(description).toMatchObject({ type: PLAYBOOK_RUN_WORKFLOW, taskQueue: DEFAULT_TASK_QUEUE, status: { name: 'RUNNING' } });
    const [run] = await findAll(t, RunEntity, { workflowId });
    expect(run).toMatchObject({ workspaceId, playbookId: playbook.playbookId, playbookVersion: playbook.version, enrollmentKey: row.payload.enrollmentKey });
    expect(await workflowInput(handle)).toEqual({
      runId: run.id,
      workspaceId,
      playbook: playbook.definition,
      subject: row.payload.subject,
      context: row.payload.context,
    });
    return { handle, run, firstRunId: description.runId };
  }

  it('firings made while Temporal is down wait in the outbox and start once it is up', async () => {
    const playbook = await publishPlaybook(t, {
      name: 'Started after outage',
      trigger: { kind: 'event', event: 'Outage Event' },
      enrollment: { subject: 'person', reenroll: 'always' },
    });
    expect((await postSegment(t, 'track', { userId: 'disp-1', event: 'Outage Event', messageId: messageId() })).status).toBe(200);
    const waiting = await waitFor('a failed dispatch attempt', async () => {
      const row = await rowFor(playbook.playbookId);
      return row && row.attempts >= 1 ? row : undefined;
    });
    expect(waiting.status).toBe('pending');
    expect(waiting.lastError).toMatch(/Temporal/i);

    expect(temporal).toBeUndefined();
    await temporalUp();
    const row = await dispatchedRow(playbook.playbookId);
    expect(row.lastError).toBeNull();
    await expectStartedRun(playbook, row);
  });

  it('starts playbookRun with the deterministic workflow id and the run input', async () => {
    await temporalUp();
    const playbook = await publishPlaybook(t, {
      name: 'Started at once',
      trigger: { kind: 'event', event: 'Immediate Event', where: { property: 'event.properties.plan', operator: 'eq', value: 'pro' } },
      enrollment: { subject: 'person', reenroll: 'never' },
    });
    await postSegment(t, 'identify', { userId: 'disp-2', traits: { email: 'disp@example.test' } });
    const sentAt = Date.now();
    expect((await postSegment(t, 'track', { userId: 'disp-2', event: 'Immediate Event', properties: { plan: 'pro' } })).status).toBe(200);
    const row = await dispatchedRow(playbook.playbookId);
    // Nudged right after the commit, not left for a poll interval or back-off.
    expect(row.dispatchedAt!.getTime() - sentAt).toBeLessThan(5_000);
    expect(row.payload.enrollmentKey).toBe(`${playbook.playbookId}:person:${row.payload.subject.id}`);
    const { run } = await expectStartedRun(playbook, row);
    expect(run.subjectId).toBe(row.payload.subject.id);
  });

  it('dispatching the same row again never starts a second execution, even after the first closed', async () => {
    await temporalUp();
    const playbook = await publishPlaybook(t, {
      name: 'Dispatched twice',
      trigger: { kind: 'event', event: 'Twice Event' },
      enrollment: { subject: 'person', reenroll: 'never' },
    });
    expect((await postSegment(t, 'track', { userId: 'disp-3', event: 'Twice Event' })).status).toBe(200);
    const first = await dispatchedRow(playbook.playbookId);
    const { handle, run, firstRunId } = await expectStartedRun(playbook, first);
    await handle.terminate('closed so that only the reuse policy can refuse a second start');

    // Simulate a dispatcher that lost its bookkeeping: the row is pending again.
    await dataSourceOf(t)
      .getRepository(OutboxMessageEntity)
      .update({ id: first.id }, { status: 'pending', dispatchedAt: null, availableAt: new Date(Date.now() - 1000) });
    const again = await waitFor('the row to be dispatched a second time', async () => {
      const row = await rowFor(playbook.playbookId);
      return row?.status === 'dispatched' && row.attempts > first.attempts ? row : undefined;
    }, 40_000);
    expect(again.lastError).toBeNull();

    const description = await handle.describe();
    expect(description.runId).toBe(firstRunId);
    expect(description.status.name).toBe('TERMINATED');
    expect(await findAll(t, RunEntity, { workflowId: handle.workflowId })).toEqual([expect.objectContaining({ id: run.id })]);
  });
});
