import { randomUUID } from 'node:crypto';
import { demoRequestFollowUp } from '@tripline/playbook';
import { pqlComponentModel } from '@tripline/scoring';
import { DataSource } from 'typeorm';
import { AuditKeyring } from '../src/audit/audit-keys';
import { rowFromExportedLine } from '../src/audit/audit-reader';
import { checkChain } from '../src/audit/check-chain';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { RunEntity } from '../src/runs/run.entity';
import { allEntries, AUDIT_LOG, EXPORT, newMember, newWorkspaceWithAdmin, VERIFY, type AuditEntryView, type Member } from './audit-support/audit-api';
import { gql, loginAsAdmin } from './support/graphql-client';
import { internalRequest } from './support/internal-api';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TEST_ADMIN_EMAIL, type TestApp } from './support/test-app';

jest.setTimeout(120_000);

const CREATE_PLAYBOOK = `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`;
const UPDATE_PLAYBOOK = `mutation($id: ID!, $input: UpdatePlaybookDraftInput!) { updatePlaybookDraft(id: $id, input: $input) { id } }`;
const PUBLISH_PLAYBOOK = `mutation($id: ID!) { publishPlaybook(id: $id) { id version } }`;
const CREATE_MODEL = `mutation($input: CreateScoringModelInput!) { createScoringModel(input: $input) { id } }`;
const UPDATE_MODEL = `mutation($id: ID!, $input: UpdateScoringModelDraftInput!) { updateScoringModelDraft(id: $id, input: $input) { id } }`;
const PUBLISH_MODEL = `mutation($id: ID!) { publishScoringModel(id: $id) { id version } }`;
const CREATE_CONNECTION = `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`;
const UPDATE_CONNECTION = `mutation($id: ID!, $input: UpdateConnectionInput!) { updateConnection(id: $id, input: $input) { id } }`;
const DELETE_CONNECTION = `mutation($id: ID!) { deleteConnection(id: $id) }`;
const ROTATE = `mutation { rotateConnectionSecrets { reencrypted current } }`;
const ADD_SUPPRESSION = `mutation($email: String!, $note: String) { addEmailSuppression(email: $email, note: $note) { id } }`;
const REMOVE_SUPPRESSION = `mutation($email: String!) { removeEmailSuppression(email: $email) }`;
const RETRY = `mutation($id: ID!) { retryRun(id: $id) { id } }`;
const CANCEL = `mutation($id: ID!) { cancelRun(id: $id) { id } }`;
const BULK_RETRY = `mutation($input: BulkRetryRunsInput!) { bulkRetryRuns(input: $input) { runId ok } }`;

const playbookDefinition = () => JSON.parse(JSON.stringify({ ...demoRequestFollowUp, id: 'ignored', version: 1 }));
const SECRET_PASSWORD = 'hunter2-never-in-the-log';

describe.each(databaseKindsUnderTest())('audit log through GraphQL on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;
  let admin: string;
  let adminId: string;
  let editor: Member, approver: Member, operator: Member, viewer: Member;

  beforeAll(async () => {
    t = await startTestApp(kind);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    admin = await loginAsAdmin(t.url);
    adminId = (await gql(t.url, '{ me { user { id } } }', {}, admin)).data.me.user.id;
    [editor, approver, operator, viewer] = await Promise.all((['editor', 'approver', 'operator', 'viewer'] as const).map((role) => newMember(t, workspaceId, role)));
  });
  afterAll(() => t?.close());

  const entriesFor = (targetKind: string, targetId: string, token = approver.token) => allEntries(t, token, { targetKind, targetId });
  const summary = (entries: AuditEntryView[]) => entries.map((entry) => [entry.action, entry.actor?.email ?? entry.system, entry.details]);

  it('records playbook creation, draft edits (changed keys only) and publishing, each with its actor', async () => {
    const id = (await gql(t.url, CREATE_PLAYBOOK, { input: { name: 'Audited follow-up', definition: playbookDefinition() } }, editor.token)).data.createPlaybook.id;
    const edited = playbookDefinition();
    edited.nodes['send-confirmation'].input.subject = 'A new subject';
    expect((await gql(t.url, UPDATE_PLAYBOOK, { id, input: { name: 'Audited follow-up v2', definition: edited } }, editor.token)).errors).toBeUndefined();
    // Saving the same draft again changes nothing, and records nothing.
    expect((await gql(t.url, UPDATE_PLAYBOOK, { id, input: { definition: edited } }, editor.token)).errors).toBeUndefined();
    const published = await gql(t.url, PUBLISH_PLAYBOOK, { id }, editor.token);
    expect(published.errors).toBeUndefined();

    const entries = await entriesFor('playbook', id);
    expect(summary(entries)).toEqual([
      ['playbook.published', editor.email, { version: 1, versionId: published.data.publishPlaybook.id }],
      ['playbook.draftUpdated', editor.email, { changed: ['name', 'definition.name', 'definition.nodes'] }],
      ['playbook.created', editor.email, { name: 'Audited follow-up' }],
    ]);
    expect(entries[0]).toMatchObject({ actor: { id: editor.id }, system: null, targetKind: 'playbook', targetId: id, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(entries[0]!.prevHash).toBe(entries[1]!.hash);
    expect(entries[0]!.seq).toBe(entries[1]!.seq + 1);
  });

  it('records scoring model changes, and the default models seeded by the system', async () => {
    const seeded = await allEntries(t, admin, { action: 'scoringModel.published' });
    expect(seeded.filter((entry) => entry.system === 'bootstrap')).toHaveLength(2);
    const id = (await gql(t.url, CREATE_MODEL, { input: { name: 'Audited PQL', definition: pqlComponentModel() } }, admin)).data.createScoringModel.id;
    const changed = pqlComponentModel();
    changed.tiers = changed.tiers.map((tier, i) => (i === 0 ? { ...tier, name: 'Hottest' } : tier));
    expect((await gql(t.url, UPDATE_MODEL, { id, input: { definition: changed } }, admin)).errors).toBeUndefined();
    expect((await gql(t.url, PUBLISH_MODEL, { id }, admin)).errors).toBeUndefined();
    expect(summary(await entriesFor('scoringModel', id))).toEqual([
      ['scoringModel.published', TEST_ADMIN_EMAIL, { version: 1, versionId: expect.any(String) }],
      ['scoringModel.draftUpdated', TEST_ADMIN_EMAIL, { changed: ['definition.tiers'] }],
      ['scoringModel.created', TEST_ADMIN_EMAIL, { name: 'Audited PQL' }],
    ]);
  });

  it('records connection changes by field name, never a secret value', async () => {
    const config = { host: 'smtp.example.test', port: 587, username: 'sales', password: SECRET_PASSWORD };
    const id = (await gql(t.url, CREATE_CONNECTION, { input: { name: 'audited-smtp', connector: 'email', config } }, admin)).data.createConnection.id;
    await gql(t.url, UPDATE_CONNECTION, { id, input: { config: { ...config, password: `${SECRET_PASSWORD}-2`, from: 'x@example.test' } } }, admin);
    await gql(t.url, UPDATE_CONNECTION, { id, input: { name: 'audited-smtp-renamed' } }, admin);
    expect((await gql(t.url, ROTATE, {}, admin)).data.rotateConnectionSecrets).toEqual({ reencrypted: 0, current: expect.any(Number) });
    expect((await gql(t.url, DELETE_CONNECTION, { id }, admin)).data.deleteConnection).toBe(true);
    expect((await gql(t.url, DELETE_CONNECTION, { id }, admin)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    expect(summary(await entriesFor('connection', id))).toEqual([
      ['connection.deleted', TEST_ADMIN_EMAIL, { name: 'audited-smtp-renamed', connector: 'email' }],
      ['connection.updated', TEST_ADMIN_EMAIL, { name: 'audited-smtp-renamed', changed: ['name'] }],
      ['connection.updated', TEST_ADMIN_EMAIL, { name: 'audited-smtp', changed: ['config.from', 'config.password'] }],
      ['connection.created', TEST_ADMIN_EMAIL, { name: 'audited-smtp', connector: 'email', configFields: ['host', 'password', 'port', 'username'] }],
    ]);
    expect(summary(await allEntries(t, admin, { action: 'connection.secretsRotated' }))).toEqual([
      ['connection.secretsRotated', TEST_ADMIN_EMAIL, { reencrypted: 0, current: expect.any(Number), reencryptedIds: [] }],
    ]);
    const exported = (await gql(t.url, EXPORT, {}, admin)).data.exportAuditLog as string;
    expect(exported).toContain('audited-smtp');
    expect(exported).not.toContain(SECRET_PASSWORD);
    const rows = await t.app.get(DataSource).query('SELECT details FROM audit_log');
    expect(JSON.stringify(rows)).not.toContain(SECRET_PASSWORD);
  });

  it("records an admin's email suppressions added and removed", async () => {
    const email = `Someone-${randomUUID().slice(0, 6)}@Example.test`;
    await gql(t.url, ADD_SUPPRESSION, { email, note: 'asked by phone' }, admin);
    await gql(t.url, ADD_SUPPRESSION, { email }, admin); // already there: nothing added, nothing recorded
    expect((await gql(t.url, REMOVE_SUPPRESSION, { email }, admin)).data.removeEmailSuppression).toBe(true);
    expect((await gql(t.url, REMOVE_SUPPRESSION, { email }, admin)).data.removeEmailSuppression).toBe(false);
    expect(summary(await entriesFor('emailSuppression', email.toLowerCase()))).toEqual([
      ['emailSuppression.removed', TEST_ADMIN_EMAIL, { reason: 'manual' }],
      ['emailSuppression.added', TEST_ADMIN_EMAIL, { reason: 'manual', note: 'asked by phone' }],
    ]);
  });

  it('records every operator action on a run, refused ones included', async () => {
    const run = await insertRun('completed');
    const retried = await gql(t.url, RETRY, { id: run.id }, operator.token);
    expect(retried.errors?.[0]?.message).toMatch(/is completed; only failed or cancelled runs can be retried/);
    expect((await gql(t.url, CANCEL, { id: run.id }, operator.token)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const entries = await entriesFor('run', run.id);
    expect(summary(entries)).toEqual([
      ['run.cancel', operator.email, { operationId: expect.any(String), outcome: 'failed', error: expect.stringMatching(/only pending, running or waiting runs can be cancelled/) }],
      ['run.retry', operator.email, { operationId: expect.any(String), outcome: 'failed', error: expect.stringMatching(/can be retried/) }],
    ]);
    // One entry per run_operations row, pointing at it.
    const operations = await t.app.get(DataSource).query(kind === 'postgres' ? 'SELECT id FROM run_operations WHERE run_id = $1' : 'SELECT id FROM run_operations WHERE run_id = ?', [run.id]);
    expect(entries.map((entry) => entry.details!.operationId).sort()).toEqual(operations.map((row: { id: string }) => row.id).sort());
  });

  it('records a bulk retry as one entry per run it tried', async () => {
    const failedAt = new Date();
    const playbookId = randomUUID();
    const runs = [await insertRun('failed', failedAt, playbookId), await insertRun('failed', failedAt, playbookId), await insertRun('failed', failedAt)];
    const input = { failedFrom: new Date(failedAt.getTime() - 1000).toISOString(), failedTo: new Date(failedAt.getTime() + 1000).toISOString(), playbookId };
    // Nothing listens at this test's Temporal address: each retry fails, and each attempt is on record.
    const result = await gql(t.url, BULK_RETRY, { input }, operator.token);
    expect(result.errors).toBeUndefined();
    expect(result.data.bulkRetryRuns.map((outcome: { runId: string }) => outcome.runId).sort()).toEqual([runs[0]!.id, runs[1]!.id].sort());
    for (const run of runs.slice(0, 2)) {
      expect(summary(await entriesFor('run', run.id))).toEqual([
        ['run.retry', operator.email, { operationId: expect.any(String), outcome: 'failed', bulk: true, error: expect.stringMatching(/Temporal is unreachable/) }],
      ]);
    }
    // Another playbook's failed run was not in the bulk retry, and has no entry.
    expect(await entriesFor('run', runs[2]!.id)).toEqual([]);
  });

  it("records the decisions of run approval gates: a person's, and the system's at a timeout", async () => {
    const run = await insertRun('waiting');
    const open = async (stepId: string) => {
      const opened = await internalRequest(t, 'POST', '/internal/approvals', {
        workspaceId,
        runId: run.id,
        key: `${run.workflowId}:${stepId}:1`,
        stepId,
        visit: 1,
        stepLabel: 'Manager approves',
        assignees: { roles: ['approver'] },
        escalateTo: null,
        summary: { text: 'person ann', subject: { kind: 'person', id: 'ann', label: 'ann' } },
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      expect(opened.status).toBe(200);
      return opened.body.requestId as string;
    };
    const close = (requestId: string, decidedBy: string, decision: 'approve' | 'reject', reason: 'decision' | 'timeout', comment: string | null) =>
      internalRequest(t, 'POST', `/internal/approvals/${requestId}/close`, { workspaceId, decision, decidedBy, comment, reason, decidedAt: new Date().toISOString() });

    const decided = await open('approve-offer');
    expect((await close(decided, approver.id, 'approve', 'decision', 'Fine by me')).status).toBe(200);
    expect((await close(decided, approver.id, 'approve', 'decision', 'Fine by me')).status).toBe(200); // a retried close records nothing new
    const timedOut = await open('approve-again');
    expect((await close(timedOut, 'system', 'reject', 'timeout', null)).status).toBe(200);

    const base = { runId: run.id, playbookId: run.playbookId, playbookVersion: 1 };
    expect(summary(await entriesFor('approvalRequest', decided))).toEqual([
      ['approval.decided', approver.email, { ...base, stepId: 'approve-offer', decision: 'approve', status: 'approved', reason: 'decision', comment: 'Fine by me' }],
    ]);
    expect(summary(await entriesFor('approvalRequest', timedOut))).toEqual([
      ['approval.decided', 'approval gate (timeout)', { ...base, stepId: 'approve-again', decision: 'reject', status: 'expired', reason: 'timeout' }],
    ]);
  });

  it('pages newest first with a cursor, and filters by action, actor and time', async () => {
    const first = await gql(t.url, AUDIT_LOG, { first: 2 }, approver.token);
    expect(first.errors).toBeUndefined();
    const page1 = first.data.auditLog;
    expect(page1.entries).toHaveLength(2);
    expect(page1.hasNextPage).toBe(true);
    expect(page1.entries[0].seq).toBeGreaterThan(page1.entries[1].seq);
    const page2 = (await gql(t.url, AUDIT_LOG, { first: 2, after: page1.endCursor }, approver.token)).data.auditLog;
    expect(page2.entries[0].seq).toBe(page1.entries[1].seq - 1);

    const all = await allEntries(t, approver.token);
    expect(all.map((entry) => entry.seq)).toEqual(Array.from({ length: all.length }, (_, i) => all.length - i));

    const byEditor = await allEntries(t, approver.token, { actorId: editor.id });
    expect(byEditor.length).toBeGreaterThanOrEqual(3);
    expect(byEditor.every((entry) => entry.actor?.id === editor.id)).toBe(true);
    const published = await allEntries(t, approver.token, { action: 'playbook.published' });
    expect(published.length).toBeGreaterThanOrEqual(1);
    expect(published.every((entry) => entry.action === 'playbook.published')).toBe(true);

    const middle = all[Math.floor(all.length / 2)]!;
    const from = new Date(middle.at);
    const fromMiddle = await allEntries(t, approver.token, { from: from.toISOString() });
    expect(fromMiddle.every((entry) => new Date(entry.at) >= from)).toBe(true);
    expect(fromMiddle.map((entry) => entry.id)).toContain(middle.id);
    const beforeMiddle = await allEntries(t, approver.token, { to: from.toISOString() });
    expect(beforeMiddle.every((entry) => new Date(entry.at) < from)).toBe(true);
    expect(fromMiddle.length + beforeMiddle.length).toBe(all.length);

    const bad = async (variables: Record<string, unknown>) => (await gql(t.url, AUDIT_LOG, variables, approver.token)).errors?.[0];
    expect(await bad({ first: 0 })).toMatchObject({ message: 'first must be between 1 and 200 (got 0)', extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    expect(await bad({ after: 'abc' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
    expect(await bad({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'from' } });
  });

  it('lets approvers read, only admins verify and export; viewers, editors and operators read nothing', async () => {
    for (const member of [viewer, editor, operator]) {
      const result = await gql(t.url, AUDIT_LOG, {}, member.token);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    }
    for (const member of [editor, approver, viewer]) {
      expect((await gql(t.url, VERIFY, {}, member.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await gql(t.url, EXPORT, {}, member.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await gql(t.url, AUDIT_LOG, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(t.url, AUDIT_LOG, {}, approver.token)).data.auditLog.entries.length).toBeGreaterThan(0);
  });

  it('verifies the chain and exports JSON lines that check out on their own', async () => {
    const verified = (await gql(t.url, VERIFY, {}, admin)).data.verifyAuditLog;
    const all = await allEntries(t, admin);
    expect(verified).toEqual({ ok: true, checked: all.length, firstBroken: null, lastSeq: all[0]!.seq, lastHash: all[0]!.hash });

    const exported = (await gql(t.url, EXPORT, {}, admin)).data.exportAuditLog as string;
    const lines = exported.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).seq)).toEqual(all.map((entry) => entry.seq).reverse());
    expect(JSON.parse(lines[0]!)).toMatchObject({ v: 1, workspaceId, seq: 1, prevHash: '0'.repeat(64), hash: all[all.length - 1]!.hash });
    const keys = AuditKeyring.fromConfig(t.config);
    async function* rows() {
      for (const line of lines) yield rowFromExportedLine(line);
    }
    expect(await checkChain(rows(), keys)).toMatchObject({ ok: true, checked: all.length });
    // A copy edited afterwards does not check out.
    const edited = lines.map((line, i) => (i === 2 ? line.replace(/"action":"[^"]+"/, '"action":"playbook.deleted"') : line));
    async function* editedRows() {
      for (const line of edited) yield rowFromExportedLine(line);
    }
    expect((await checkChain(editedRows(), keys)).firstBroken).toMatchObject({ seq: 3, reason: expect.stringMatching(/^hash mismatch/) });

    // A time range: only the entries in it, still linked to each other.
    const from = all[Math.floor(all.length / 2)]!.at;
    const ranged = ((await gql(t.url, EXPORT, { from }, admin)).data.exportAuditLog as string).trimEnd().split('\n');
    expect(ranged.length).toBeGreaterThan(0);
    expect(ranged.length).toBeLessThan(lines.length);
    async function* rangedRows() {
      for (const line of ranged) yield rowFromExportedLine(line);
    }
    expect(await checkChain(rangedRows(), keys, { startAnywhere: true })).toMatchObject({ ok: true, checked: ranged.length });
  });

  it("never shows another workspace's entries, and gives 30 concurrent mutations seqs without gaps", async () => {
    const other = await newWorkspaceWithAdmin(t, `Other ${randomUUID().slice(0, 6)}`);
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) => gql(t.url, CREATE_PLAYBOOK, { input: { name: `Concurrent ${i}` } }, other.admin.token)),
    );
    expect(created.every((result) => result.errors === undefined)).toBe(true);
    const theirs = await allEntries(t, other.admin.token);
    const seqs = theirs.map((entry) => entry.seq).reverse();
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(theirs.filter((entry) => entry.action === 'playbook.created')).toHaveLength(30);
    expect((await gql(t.url, VERIFY, {}, other.admin.token)).data.verifyAuditLog).toMatchObject({ ok: true, checked: theirs.length });

    // Each side sees only its own.
    const ours = await allEntries(t, admin);
    const ourIds = new Set(ours.map((entry) => entry.id));
    expect(theirs.some((entry) => ourIds.has(entry.id))).toBe(false);
    const ourPlaybook = ours.find((entry) => entry.action === 'playbook.published')!;
    expect(await allEntries(t, other.admin.token, { targetKind: 'playbook', targetId: ourPlaybook.targetId })).toEqual([]);
    expect(await allEntries(t, other.admin.token, { actorId: adminId })).toEqual([]);
    const theirExport = (await gql(t.url, EXPORT, {}, other.admin.token)).data.exportAuditLog as string;
    for (const line of theirExport.trimEnd().split('\n')) expect(JSON.parse(line).workspaceId).toBe(other.workspaceId);
    // A cursor from our log does not reach into theirs' past either: it only pages their own entries.
    const paged = (await gql(t.url, AUDIT_LOG, { after: String(ours[0]!.seq + 1000) }, other.admin.token)).data.auditLog.entries as AuditEntryView[];
    expect(paged.every((entry) => !ourIds.has(entry.id))).toBe(true);
  });

  async function insertRun(status: RunEntity['status'], finishedAt?: Date, playbookId: string = randomUUID()): Promise<RunEntity> {
    const now = finishedAt ?? new Date();
    const id = randomUUID();
    const run: RunEntity = {
      id,
      workspaceId,
      playbookId,
      playbookName: 'Audited run',
      playbookVersion: 1,
      workflowId: `tripline:${workspaceId}:audit-test:${id}`,
      enrollmentKey: `audit-test:${id}`,
      subjectKind: 'person',
      subjectId: 'ann',
      status,
      error: null,
      startedAt: now,
      updatedAt: now,
      finishedAt: status === 'completed' || status === 'failed' ? now : null,
    } as RunEntity;
    await t.app.get(DataSource).getRepository(RunEntity).insert(run);
    return run;
  }
});
