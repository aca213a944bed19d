import { randomUUID } from 'node:crypto';
import { workflowIdForEnrollment, type RunEvent } from '@tripline/playbook';
import { DataSource } from 'typeorm';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { RunStepEntity } from '../src/runs/run-step.entity';
import { RunEntity } from '../src/runs/run.entity';
import { RunsService } from '../src/runs/runs.service';
import { internalRequest } from './support/internal-api';
import { startTestApp, TestApp } from './support/test-app';
import { databaseKindsUnderTest } from './support/test-databases';

// Starting the API (migrations, GraphQL schema) can take several seconds on a loaded CI machine.
jest.setTimeout(30_000);

describe.each(databaseKindsUnderTest())('worker API: run events on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;
  const playbookId = randomUUID();

  const newRun = (enrollmentKey: string) =>
    t.app.get(RunsService).ensureRun({
      workspaceId,
      playbookId,
      playbookName: 'Demo follow-up',
      playbookVersion: 3,
      workflowId: workflowIdForEnrollment(workspaceId, enrollmentKey),
      enrollmentKey,
      subject: { kind: 'person', id: 'person-1' },
    });
  const postEvent = (runId: string, event: unknown, token?: string | null) => internalRequest(t, 'POST', `/internal/runs/${runId}/events`, event, token);
  const runRow = (id: string) => t.app.get(DataSource).getRepository(RunEntity).findOneByOrFail({ id });
  const stepRows = (runId: string) => t.app.get(DataSource).getRepository(RunStepEntity).find({ where: { runId }, order: { seq: 'ASC' } });

  beforeAll(async () => {
    t = await startTestApp(kind);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
  });
  afterAll(async () => t?.close());

  it('ensureRun makes one pending run per workflow id, however often and concurrently it is called', async () => {
    const [a, b, c] = await Promise.all([newRun('enroll-same'), newRun('enroll-same'), newRun('enroll-same')]);
    expect(a!.status).toBe('pending');
    expect(new Set([a!.id, b!.id, c!.id]).size).toBe(1);
    expect((await newRun('enroll-same')).id).toBe(a!.id);
    const rows = await t.app.get(DataSource).getRepository(RunEntity).findBy({ workflowId: workflowIdForEnrollment(workspaceId, 'enroll-same') });
    expect(rows).toHaveLength(1);
    expect((await newRun('enroll-other')).id).not.toBe(a!.id);
  });

  it('stores a run from start to finish, and the same events delivered again change nothing', async () => {
    const run = await newRun('enroll-flow');
    const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 10, 0, s)).toISOString();
    const common = { runId: run.id, workspaceId };
    const events: RunEvent[] = [
      { ...common, type: 'run', status: 'running', at: at(0) },
      { ...common, type: 'step', stepId: 'is-pro', kind: 'condition', status: 'running', at: at(1) },
      { ...common, type: 'step', stepId: 'is-pro', kind: 'condition', status: 'completed', port: 'yes', output: { result: true }, at: at(1) },
      {
        ...common,
        type: 'step',
        stepId: 'send',
        kind: 'action',
        status: 'running',
        input: { to: 'ada@example.com', subject: 'Hi Ada', smtp: { password: 'hunter2' }, headers: { Authorization: 'Bearer sk_live_1' } },
        at: at(2),
      },
      { ...common, type: 'step', stepId: 'send', kind: 'action', status: 'completed', output: { messageId: '<m1@x>', apiKey: 'k-123' }, at: at(3) },
      { ...common, type: 'step', stepId: 'done', kind: 'end', status: 'completed', at: at(4) },
      { ...common, type: 'run', status: 'completed', at: at(4) },
    ];

    for (const event of events) {
      const answer = await postEvent(run.id, event);
      expect(answer).toEqual({ status: 200, body: expect.objectContaining({ changed: true, runId: run.id }) });
    }
    for (const event of events) {
      const answer = await postEvent(run.id, event);
      expect(answer).toEqual({ status: 200, body: { changed: false, runId: run.id, status: 'completed' } });
    }

    const stored = await runRow(run.id);
    expect(stored.status).toBe('completed');
    expect(stored.finishedAt?.toISOString()).toBe(at(4));
    const steps = await stepRows(run.id);
    expect(steps.map((s) => [s.seq, s.stepId, s.status, s.port])).toEqual([
      [1, 'is-pro', 'completed', 'yes'],
      [2, 'send', 'completed', null],
      [3, 'done', 'completed', null],
    ]);
    expect(steps[1]!.startedAt.toISOString()).toBe(at(2));
    expect(steps[1]!.finishedAt?.toISOString()).toBe(at(3));
    // Secrets never reach the database.
    const raw = JSON.stringify(steps.map((s) => [s.input, s.output]));
    expect(raw).toContain('ada@example.com');
    for (const secret of ['hunter2', 'sk_live_1', 'k-123']) expect(raw).not.toContain(secret);
  });

  it('stores one row when the same event arrives several times at once', async () => {
    const run = await newRun('enroll-race');
    const event = { type: 'step', runId: run.id, workspaceId, stepId: 'send', kind: 'action', status: 'running', at: '2025-01-01T10:00:00.000Z' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => postEvent(run.id, event)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect(answers.filter((a) => a.body.changed)).toHaveLength(1);
    const done = { ...event, status: 'completed', at: '2025-01-01T10:00:01.000Z' };
    await Promise.all(Array.from({ length: 6 }, () => postEvent(run.id, done)));
    expect((await stepRows(run.id)).map((s) => [s.seq, s.status])).toEqual([[1, 'completed']]);
  });

  it('never moves a finished run back, and stores a failure with its error', async () => {
    const run = await newRun('enroll-fail');
    const common = { runId: run.id, workspaceId };
    await postEvent(run.id, { ...common, type: 'step', stepId: 'send', kind: 'action', status: 'running', at: '2025-01-01T10:00:00.000Z' });
    // A step at work moves a pending run to running.
    expect((await runRow(run.id)).status).toBe('running');
    await postEvent(run.id, { ...common, type: 'step', stepId: 'send', kind: 'action', status: 'failed', error: 'SMTP said 550', at: '2025-01-01T10:00:01.000Z' });
    expect((await postEvent(run.id, { ...common, type: 'run', status: 'failed', error: 'send: SMTP said 550', at: '2025-01-01T10:00:02.000Z' })).body.changed).toBe(true);

    for (const status of ['running', 'pending', 'completed', 'waiting']) {
      const answer = await postEvent(run.id, { ...common, type: 'run', status, at: '2025-01-01T10:00:03.000Z' });
      expect(answer.body).toEqual({ changed: false, runId: run.id, status: 'failed' });
    }
    const stored = await runRow(run.id);
    expect(stored).toMatchObject({ status: 'failed', error: 'send: SMTP said 550' });
    expect((await stepRows(run.id)).map((s) => [s.status, s.error])).toEqual([['failed', 'SMTP said 550']]);
  });

  it('answers 400 naming the field of a malformed event, storing nothing', async () => {
    const run = await newRun('enroll-bad');
    const good = { type: 'run', runId: run.id, workspaceId, status: 'running', at: '2025-01-01T10:00:00.000Z' };
    const cases: [unknown, RegExp][] = [
      [{ ...good, status: 'done' }, /^Invalid run event: status: /],
      [{ ...good, at: 'yesterday' }, /at: at must be an ISO 8601 date-time/],
      [{ ...good, type: 'bogus' }, /type: /],
      [{ ...good, workspaceId: undefined }, /workspaceId: /],
      [{ ...good, type: 'step', status: 'running', kind: 'action' }, /stepId: /],
      [{ ...good, type: 'step', stepId: 'x', status: 'running', kind: 'teleport' }, /kind: /],
      [{ ...good, runId: randomUUID() }, /runId: .* does not match the URL/],
      [[good], /body: /],
    ];
    for (const [body, message] of cases) {
      const answer = await postEvent(run.id, body);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toMatch(message);
    }
    const notJson = await postEvent(run.id, '{"type": "run",');
    expect(notJson.status).toBe(400);
    expect((await runRow(run.id)).status).toBe('pending');
  });

  it('answers 404 for an unknown run or one of another workspace', async () => {
    const run = await newRun('enroll-404');
    const missing = randomUUID();
    const unknown = await postEvent(missing, { type: 'run', runId: missing, workspaceId, status: 'running', at: '2025-01-01T10:00:00.000Z' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain(missing);
    const elsewhere = await postEvent(run.id, { type: 'run', runId: run.id, workspaceId: randomUUID(), status: 'running', at: '2025-01-01T10:00:00.000Z' });
    expect(elsewhere.status).toBe(404);
    expect((await runRow(run.id)).status).toBe('pending');
  });

  it('requires the internal token', async () => {
    const run = await newRun('enroll-auth');
    const event = { type: 'run', runId: run.id, workspaceId, status: 'running', at: '2025-01-01T10:00:00.000Z' };
    for (const token of [null, 'wrong-token', '']) {
      const answer = await postEvent(run.id, event, token);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ statusCode: 401, message: expect.stringContaining('Authorization: Bearer') });
    }
    const basic = await fetch(`${t.url}/internal/runs/${run.id}/events`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('x:y').toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect(basic.status).toBe(401);
    expect((await runRow(run.id)).status).toBe('pending');
  });
});
