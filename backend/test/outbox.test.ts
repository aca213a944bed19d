import { PersonIdentityEntity } from '../src/identity/person-identity.entity';
import { EventEntity } from '../src/ingest/event.entity';
import { OutboxMessageEntity } from '../src/outbox/outbox-message.entity';
import { EnrollmentEntity } from '../src/triggers/enrollment.entity';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp, TEST_WRITE_KEY } from './support/test-app';
import { publishPlaybook } from './ingest-support/publish-playbook';
import { dataSourceOf, findAll, messageId, postSegment } from './ingest-support/segment-requests';

describe.each(databaseKindsUnderTest())('trigger firings in the transactional outbox on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;
  beforeAll(async () => {
    // Temporal stays unreachable here (the default test address): rows stay pending for inspection.
    t = await startTestApp(kind);
    workspaceId = (await t.app.get(WorkspacesService).findByWriteKey(TEST_WRITE_KEY))!.id;
  });
  afterAll(async () => t?.close());

  const outboxFor = async (playbookId: string) =>
    (await findAll(t, OutboxMessageEntity, {})).filter((row) => row.payload.playbookId === playbookId);
  const personOf = async (userId: string) => (await findAll(t, PersonIdentityEntity, { kind: 'userId', value: userId }))[0]?.personId;
  const track = (userId: string, event: string, properties: Record<string, unknown> = {}, id = messageId()) =>
    postSegment(t, 'track', { userId, event, properties, messageId: id });

  it('a matching track event writes exactly one outbox row carrying the run input', async () => {
    const playbook = await publishPlaybook(t, {
      name: 'Enterprise demo',
      trigger: { kind: 'event', event: 'Demo Requested', where: { property: 'event.properties.seats', operator: 'gte', value: 50 } },
      enrollment: { subject: 'person', reenroll: 'never' },
    });
    await postSegment(t, 'identify', { userId: 'ob-ann', traits: { email: 'ann@example.test' } });
    expect((await track('ob-ann', 'Demo Requested', { seats: 10 })).status).toBe(200);
    expect(await outboxFor(playbook.playbookId)).toEqual([]);

    const id = messageId('demo');
    expect(await track('ob-ann', 'Demo Requested', { seats: 120 }, id)).toEqual({ status: 200, body: { success: true } });
    const person = await personOf('ob-ann');
    const rows = await outboxFor(playbook.playbookId);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ workspaceId, kind: 'startPlaybookRun', status: 'pending' });
    const event = (await findAll(t, EventEntity, { messageId: id }))[0];
    expect(row.payload).toEqual({
      workspaceId,
      playbookId: playbook.playbookId,
      playbookName: 'Enterprise demo',
      playbookVersion: playbook.version,
      enrollmentKey: `${playbook.playbookId}:person:${person}`,
      playbook: playbook.definition,
      subject: { kind: 'person', id: person },
      context: {
        event: { name: 'Demo Requested', messageId: id, timestamp: event.timestamp.toISOString(), properties: { seats: 120 } },
        person: { id: person, userId: 'ob-ann', traits: { email: 'ann@example.test' } },
      },
    });
    const enrollments = await findAll(t, EnrollmentEntity, { playbookId: playbook.playbookId });
    expect(enrollments).toEqual([expect.objectContaining({ enrollmentKey: row.payload.enrollmentKey, subjectId: person, messageId: id })]);

    // The same event again (a client retry) and a later matching event: 'never' enrolls once.
    expect((await track('ob-ann', 'Demo Requested', { seats: 120 }, id)).status).toBe(200);
    expect((await track('ob-ann', 'Demo Requested', { seats: 300 })).status).toBe(200);
    expect(await outboxFor(playbook.playbookId)).toHaveLength(1);
  });

  it("'always' enrolls once per event, a retried event still once", async () => {
    const playbook = await publishPlaybook(t, {
      name: 'Every export',
      trigger: { kind: 'event', event: 'Report Exported' },
      enrollment: { subject: 'person', reenroll: 'always' },
    });
    const first = messageId('export');
    await track('ob-bo', 'Report Exported', {}, first);
    await track('ob-bo', 'Report Exported', {}, first);
    await postSegment(t, 'batch', {
      batch: [
        { type: 'track', userId: 'ob-bo', event: 'Report Exported', messageId: messageId() },
        { type: 'track', userId: 'ob-bo', event: 'Report Exported', messageId: messageId() },
      ],
    });
    const rows = await outboxFor(playbook.playbookId);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.payload.enrollmentKey)).size).toBe(3);
    expect(rows.map((r) => r.payload.enrollmentKey)).toContain(`${playbook.playbookId}:person:${await personOf('ob-bo')}:${first}`);
  });

  it('enrolls the account for account playbooks, and nobody without an account', async () => {
    const playbook = await publishPlaybook(t, {
      name: 'Account expansion',
      trigger: { kind: 'event', event: 'Seat Limit Reached' },
      enrollment: { subject: 'account', reenroll: 'never' },
    });
    await track('ob-solo', 'Seat Limit Reached');
    expect(await outboxFor(playbook.playbookId)).toEqual([]);

    await postSegment(t, 'group', { userId: 'ob-cy', groupId: 'ob-globex', traits: { name: 'Globex', employees: 900 } });
    await track('ob-cy', 'Seat Limit Reached');
    const [row] = await outboxFor(playbook.playbookId);
    expect(row.payload.subject).toEqual({ kind: 'account', id: row.payload.context.account!.id });
    expect(row.payload.context.account).toMatchObject({ groupId: 'ob-globex', traits: { name: 'Globex', employees: 900 } });
    expect(row.payload.enrollmentKey).toBe(`${playbook.playbookId}:account:${row.payload.context.account!.id}`);
  });

  it('a request that fails validation writes neither events nor outbox rows', async () => {
    const playbook = await publishPlaybook(t, {
      name: 'Trial started',
      trigger: { kind: 'event', event: 'Trial Started' },
      enrollment: { subject: 'person', reenroll: 'always' },
    });
    const id = messageId('invalid');
    const res = await postSegment(t, 'batch', {
      batch: [
        { type: 'track', userId: 'ob-dee', event: 'Trial Started', messageId: id },
        { type: 'identify', userId: 'ob-dee', traits: 'not an object' },
      ],
    });
    expect(res).toMatchObject({ status: 400, body: { field: 'batch[1].traits' } });
    expect(await findAll(t, EventEntity, { messageId: id })).toEqual([]);
    expect(await outboxFor(playbook.playbookId)).toEqual([]);
    expect(await findAll(t, EnrollmentEntity, { playbookId: playbook.playbookId })).toEqual([]);
  });

  it('events, enrollments and outbox rows commit together: a failed outbox write stores nothing', async () => {
    const playbook = await publishPlaybook(t, {
      name: 'Upgrade intent',
      trigger: { kind: 'event', event: 'Upgrade Clicked' },
      enrollment: { subject: 'person', reenroll: 'always' },
    });
    const ds = dataSourceOf(t);
    const id = messageId('atomic');
    // Make the last write of the transaction fail for real.
    await ds.query('ALTER TABLE outbox RENAME TO outbox_unavailable');
    let failed;
    try {
      failed = await track('ob-eve', 'Upgrade Clicked', {}, id);
    } finally {
      await ds.query('ALTER TABLE outbox_unavailable RENAME TO outbox');
    }
    expect(failed.status).toBe(500);
    expect(await findAll(t, EventEntity, { messageId: id })).toEqual([]);
    expect(await findAll(t, EnrollmentEntity, { playbookId: playbook.playbookId })).toEqual([]);

    // The client retries the same messageId: now everything is stored, once.
    expect((await track('ob-eve', 'Upgrade Clicked', {}, id)).status).toBe(200);
    expect(await findAll(t, EventEntity, { messageId: id })).toHaveLength(1);
    expect(await outboxFor(playbook.playbookId)).toHaveLength(1);
  });
});
