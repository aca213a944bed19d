/**
 * The playbook list's extra columns: the change request waiting for approval and the last 7 days of
 * runs. Runs are stored rows as the dispatcher and the worker API leave them (no Temporal here).
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RunStatus } from '@tripline/playbook';
import { RunEntity } from '../src/runs/run.entity';
import { createPlaybook, decide, ok, playbookDocument, startGovernanceApp, submit, type GovernanceApp } from './governance-support/governance-app';
import { gql } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';

const LIST = `query($search: String) { playbooks(search: $search) { id name status pendingChangeRequestId
  runStats { days started inProgress completed failed lastRunAt } } }`;
const ONE = `query($id: ID!) { playbook(id: $id) { id pendingChangeRequestId runStats { started completed failed inProgress lastRunAt } } }`;
const DAY_MS = 86_400_000;

describe.each(databaseKindsUnderTest())('playbook list activity on %s', (kind) => {
  let g: GovernanceApp;

  beforeAll(async () => {
    g = await startGovernanceApp(kind);
  });
  afterAll(async () => g?.t.close());

  async function storeRun(workspaceId: string, playbookId: string, status: RunStatus, startedAt: Date): Promise<void> {
    const id = randomUUID();
    await g.t.app.get(DataSource).getRepository(RunEntity).insert({
      id,
      workspaceId,
      playbookId,
      playbookName: 'x',
      playbookVersion: 1,
      workflowId: `tripline:${workspaceId}:${id}`,
      enrollmentKey: id,
      subjectKind: 'person',
      subjectId: `person-${id}`,
      status,
      error: null,
      startedAt,
      updatedAt: startedAt,
      finishedAt: null,
    });
  }

  it('counts the last 7 days of runs by outcome and names the newest run, per playbook', async () => {
    const busy = await createPlaybook(g, g.ed, `Busy ${randomUUID().slice(0, 6)}`, playbookDocument('Busy Event'));
    const idle = await createPlaybook(g, g.ed, `Idle ${randomUUID().slice(0, 6)}`, playbookDocument('Idle Event'));
    const now = Date.now();
    const newest = new Date(now - 60_000);
    for (const status of ['completed', 'completed', 'completed', 'failed', 'cancelled', 'compensated', 'running', 'waiting', 'pending'] as const) {
      await storeRun(g.workspaceId, busy, status, new Date(now - 2 * DAY_MS));
    }
    await storeRun(g.workspaceId, busy, 'completed', newest);
    await storeRun(g.workspaceId, busy, 'failed', new Date(now - 8 * DAY_MS)); // outside the window
    await storeRun(g.workspaceId, idle, 'completed', new Date(now - 30 * DAY_MS)); // only a month-old run
    // Another workspace's run of the same playbook id is none of this workspace's business.
    await storeRun(randomUUID(), busy, 'failed', newest);

    const list = ok(await gql(g.t.url, LIST, { search: null }, g.vic.token), 'playbooks').playbooks as any[];
    const busyRow = list.find((p) => p.id === busy);
    expect(busyRow.runStats).toEqual({ days: 7, started: 10, inProgress: 3, completed: 4, failed: 3, lastRunAt: newest.toISOString() });
    expect(busyRow.pendingChangeRequestId).toBeNull();
    const idleRow = list.find((p) => p.id === idle);
    expect(idleRow.runStats).toMatchObject({ started: 0, completed: 0, failed: 0, inProgress: 0 });
    expect(idleRow.runStats.lastRunAt).toBe(new Date(now - 30 * DAY_MS).toISOString());

    // One playbook reads the same figures as the list.
    const one = ok(await gql(g.t.url, ONE, { id: busy }, g.vic.token), 'playbook').playbook;
    expect(one.runStats).toEqual({ started: 10, inProgress: 3, completed: 4, failed: 3, lastRunAt: newest.toISOString() });
  });

  it('shows the change request waiting for approval until it is decided', async () => {
    const id = await createPlaybook(g, g.ed, `Gated ${randomUUID().slice(0, 6)}`, playbookDocument('Gated Event'));
    const request = ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: id }), 'submitChangeRequest').submitChangeRequest;
    expect(request.status).toBe('pending');

    const listed = (ok(await gql(g.t.url, LIST, { search: 'Gated' }, g.vic.token), 'playbooks').playbooks as any[]).find((p) => p.id === id);
    expect(listed).toMatchObject({ status: 'draft', pendingChangeRequestId: request.id });
    expect(ok(await gql(g.t.url, ONE, { id }, g.ann.token), 'playbook').playbook.pendingChangeRequestId).toBe(request.id);

    expect(ok(await decide(g, g.ann, request.id, 'APPROVE'), 'decideChangeRequest').decideChangeRequest.status).toBe('published');
    const after = (ok(await gql(g.t.url, LIST, { search: 'Gated' }, g.vic.token), 'playbooks').playbooks as any[]).find((p) => p.id === id);
    expect(after).toMatchObject({ status: 'published', pendingChangeRequestId: null });
  });
});
