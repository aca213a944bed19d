import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PlaybookVersionEntity } from '../src/playbooks/playbook-version.entity';
import { RunEntity } from '../src/runs/run.entity';
import {
  createPlaybook,
  decide,
  errorOf,
  ok,
  OPS,
  playbookDocument,
  publishThroughRequest,
  startGovernanceApp,
  submit,
  thresholdPlaybookDocument,
  updateDraft,
  type GovernanceApp,
} from './governance-support/governance-app';
import { gql } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';

jest.setTimeout(120_000);

const HOUR = 3_600_000;

/** Threshold changes, scoring model changes, rollback requests and admins' immediate rollbacks, under the built-in approver policy. */
describe.each(databaseKindsUnderTest())('threshold, scoring model and rollback changes on %s', (kind) => {
  let g: GovernanceApp;

  beforeAll(async () => {
    g = await startGovernanceApp(kind);
  });

  afterAll(async () => {
    await g?.t.close();
  });

  const playbookOf = async (id: string) => ok(await gql(g.t.url, OPS.playbook, { id }, g.admin.token), 'playbook').playbook;
  const approveAs = async (id: string) => ok(await decide(g, g.ann, id, 'APPROVE'), 'decide').decideChangeRequest;

  it('changes one threshold of the published playbook: the new version differs only there', async () => {
    const id = await createPlaybook(g, g.ed, `Hot leads ${randomUUID().slice(0, 6)}`, thresholdPlaybookDocument(g.leadModelId, 50));
    const refused = errorOf(await submit(g, g.ed, { kind: 'changeThreshold', targetId: id, threshold: { path: 'trigger.threshold', value: 80 } }));
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.message).toMatch(/has no published version whose threshold could change/);
    await publishThroughRequest(g, g.ed, g.ann, id);
    // The draft moves on; a threshold change starts from the PUBLISHED version, not the draft.
    await updateDraft(g, g.ed, id, { ...thresholdPlaybookDocument(g.leadModelId, 50), description: 'work in progress' });

    const wrongPath = errorOf(await submit(g, g.ed, { kind: 'changeThreshold', targetId: id, threshold: { path: 'trigger.model', value: 1 } }));
    expect(wrongPath.code).toBe('BAD_USER_INPUT');
    expect(wrongPath.message).toContain('input.threshold: "trigger.model" is not a threshold of this playbook\'s trigger (one of: trigger.threshold)');

    const request = ok(await submit(g, g.ed, { kind: 'changeThreshold', targetId: id, threshold: { path: 'trigger.threshold', value: 80 } }), 'submit').submitChangeRequest;
    expect(request).toMatchObject({ kind: 'changeThreshold', baseVersion: 1, threshold: { path: 'trigger.threshold', value: 80 } });
    expect(request.title).toMatch(/^Change trigger\.threshold of "Hot leads .*" to 80$/);
    expect(request.diff.items).toEqual([]);
    expect(request.diff.fields).toEqual([{ path: 'trigger.threshold', kind: 'changed', before: 50, after: 80 }]);
    expect(request.diff.summary).toHaveLength(1);
    expect(request.diff.summary[0]).toMatch(/50 → 80/);

    expect(await approveAs(request.id)).toMatchObject({ status: 'published', publishedVersion: 2 });
    const [v2, v1] = (await playbookOf(id)).versions;
    expect(v2.definition.trigger).toEqual({ kind: 'scoreThreshold', model: g.leadModelId, threshold: 80, direction: 'up' });
    expect({ ...v2.definition, trigger: null, version: null }).toEqual({ ...v1.definition, trigger: null, version: null });
    expect(v2.definition.description).not.toBe('work in progress');
  });

  it('publishes a scoring model change through a request with its diff', async () => {
    const model = ok(await gql(g.t.url, OPS.scoringModel, { id: g.leadModelId }, g.ed.token), 'scoringModel').scoringModel;
    expect(model.publishedVersion).toBe(1);
    const draft = JSON.parse(JSON.stringify(model.draft));
    const rule = draft.rules[0];
    const points = rule.points;
    rule.points = points + 10;
    ok(await gql(g.t.url, OPS.updateScoringModelDraft, { id: g.leadModelId, input: { definition: draft } }, g.ed.token), 'updateScoringModelDraft');
    expect(errorOf(await gql(g.t.url, OPS.publishScoringModel, { id: g.leadModelId }, g.ed.token)).code).toBe('FORBIDDEN');

    const request = ok(await submit(g, g.ed, { kind: 'publishScoringModel', targetId: g.leadModelId }), 'submit').submitChangeRequest;
    expect(request).toMatchObject({ targetKind: 'scoringModel', baseVersion: 1, status: 'pending' });
    expect(request.diff.empty).toBe(false);
    expect(request.diff.summary.join('\n')).toContain(`${points} → ${points + 10}`);
    expect(request.impact).toEqual(expect.objectContaining({ tiers: expect.any(Array) }));
    expect(await approveAs(request.id)).toMatchObject({ status: 'published', publishedVersion: 2 });
    const after = ok(await gql(g.t.url, OPS.scoringModel, { id: g.leadModelId }, g.ed.token), 'scoringModel').scoringModel;
    expect(after.publishedVersion).toBe(2);
    expect(after.versions[0].definition.rules[0].points).toBe(points + 10);
    expect(errorOf(await submit(g, g.ed, { kind: 'changeThreshold', targetId: g.leadModelId, threshold: { path: 'trigger.threshold', value: 1 } })).code).toBe('NOT_FOUND');
  });

  it('rolls back through a request: an earlier version published again as the next version', async () => {
    const id = await createPlaybook(g, g.ed, `Rollback ${randomUUID().slice(0, 6)}`, playbookDocument(`E ${randomUUID()}`, 'Version one'));
    await publishThroughRequest(g, g.ed, g.ann, id);
    expect(errorOf(await submit(g, g.ed, { kind: 'rollback', targetId: id })).message).toMatch(/has no earlier version to roll back to/);
    await updateDraft(g, g.ed, id, playbookDocument('x', 'Version two'));
    await publishThroughRequest(g, g.ed, g.ann, id);

    expect(errorOf(await submit(g, g.ed, { kind: 'rollback', targetId: id, toVersion: 2 })).message).toBe('input.toVersion: must be an earlier version than the current 2 (1–1), got 2');
    const request = ok(await submit(g, g.ed, { kind: 'rollback', targetId: id, reason: 'Version two confuses people' }), 'submit').submitChangeRequest;
    expect(request).toMatchObject({ kind: 'rollback', targetKind: 'playbook', rollbackToVersion: 1, baseVersion: 2 });
    expect(request.title).toMatch(/^Roll back playbook "Rollback .*" to version 1$/);
    expect(request.proposed.nodes['send-confirmation'].input.subject).toBe('Version one');
    expect(await approveAs(request.id)).toMatchObject({ status: 'published', publishedVersion: 3 });
    const playbook = await playbookOf(id);
    expect(playbook.publishedVersion).toBe(3);
    expect(playbook.versions[0].definition).toMatchObject({ version: 3, nodes: { 'send-confirmation': { input: { subject: 'Version one' } } } });
  });

  it('lets an admin roll back at once only when the fire-rate criterion is met, naming the figures otherwise', async () => {
    const id = await createPlaybook(g, g.ed, `Noisy ${randomUUID().slice(0, 6)}`, playbookDocument(`E ${randomUUID()}`, 'Quiet version'));
    await publishThroughRequest(g, g.ed, g.ann, id);
    await updateDraft(g, g.ed, id, playbookDocument('x', 'Noisy version'));
    await publishThroughRequest(g, g.ed, g.ann, id);

    // Rate figures come from the runs table: the versions' publish times are moved back and runs are
    // inserted through the entity directly (enrolling dozens of people through ingest would only be slower).
    const dataSource = g.t.app.get(DataSource);
    const now = Date.now();
    await dataSource.getRepository(PlaybookVersionEntity).update({ playbookId: id, version: 1 }, { publishedAt: new Date(now - 48 * HOUR) });
    await dataSource.getRepository(PlaybookVersionEntity).update({ playbookId: id, version: 2 }, { publishedAt: new Date(now - 10 * HOUR) });
    const addRuns = (version: number, count: number, from: number, to: number) =>
      dataSource.getRepository(RunEntity).insert(
        Array.from({ length: count }, (_, i) => {
          const startedAt = new Date(from + ((to - from) * (i + 0.5)) / count);
          const key = `${id}:${version}:${randomUUID()}`;
          return { id: randomUUID(), workspaceId: g.workspaceId, playbookId: id, playbookName: 'Noisy', playbookVersion: version, workflowId: `tripline:${g.workspaceId}:${key}`, enrollmentKey: key, subjectKind: 'person' as const, subjectId: `p-${i}`, status: 'completed' as const, error: null, startedAt, updatedAt: startedAt, finishedAt: startedAt };
        }),
      );
    // Version 1: 12 runs over its 38 h live (0.32/h); version 2: 5 runs in 10 h (0.5/h).
    await addRuns(1, 12, now - 48 * HOUR, now - 10 * HOUR);
    await addRuns(2, 5, now - 10 * HOUR, now - HOUR);

    const input = { targetKind: 'playbook', targetId: id };
    expect(errorOf(await gql(g.t.url, OPS.rollbackNow, { input }, g.ed.token)).code).toBe('FORBIDDEN');
    const refused = errorOf(await gql(g.t.url, OPS.rollbackNow, { input }, g.admin.token));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/criterion, which is not met: version 2 fired 5 times since it was published; the criterion needs at least 10/);

    // Version 1 busier (38 runs in 38 h = 1/h); version 2 at 11 runs in 10 h: 1.1/h is not more than 2 × 1/h.
    await addRuns(1, 26, now - 47 * HOUR, now - 11 * HOUR);
    await addRuns(2, 6, now - 9 * HOUR, now - HOUR);
    const notDoubled = errorOf(await gql(g.t.url, OPS.rollbackNow, { input }, g.admin.token));
    expect(notDoubled.code).toBe('FORBIDDEN');
    expect(notDoubled.message).toContain('fire rate 1.1/h is not more than 2 × 1/h (version 1)');

    // Someone's change request is pending against version 2 when the admin rolls back.
    await updateDraft(g, g.eve, id, playbookDocument('x', 'Fix attempt'));
    const pending = ok(await submit(g, g.eve, { kind: 'publishPlaybook', targetId: id }), 'submit').submitChangeRequest;

    // Version 2 at 26 runs in 10 h: 2.6/h is more than 2 × 1/h, with ≥ 10 fires.
    await addRuns(2, 15, now - 8 * HOUR, now - HOUR);
    const rolledBack = ok(await gql(g.t.url, OPS.rollbackNow, { input }, g.admin.token), 'rollbackNow').rollbackNow;
    expect(rolledBack).toMatchObject({
      targetKind: 'playbook',
      targetId: id,
      publishedVersion: 3,
      rolledBackTo: 1,
      explanation: 'fire rate 2.6/h is more than 2 × 1/h (version 1), with 26 fires',
      figures: { current: { version: 2, fires: 26 }, previous: { version: 1, fires: 38 }, fireRateIncreaseAbove: 2, minFires: 10 },
    });
    const playbook = await playbookOf(id);
    expect(playbook.publishedVersion).toBe(3);
    expect(playbook.versions[0].definition.nodes['send-confirmation'].input.subject).toBe('Quiet version');
    const audit = ok(await gql(g.t.url, OPS.auditLog, { targetId: id, action: 'rollback.immediate' }, g.admin.token), 'auditLog').auditLog.entries;
    expect(audit).toEqual([
      expect.objectContaining({ actor: { id: g.admin.id }, targetKind: 'playbook', details: expect.objectContaining({ from: 2, to: 1, version: 3, criterion: rolledBack.explanation }) }),
    ]);

    // The pending request was based on version 2: approving it now would undo the rollback.
    const superseded = await approveAs(pending.id);
    expect(superseded.status).toBe('superseded');
    expect((await playbookOf(id)).publishedVersion).toBe(3);
  });

  it('judges a scoring model by the runs of the playbooks its scores trigger', async () => {
    // The lead model has 2 versions (the test above) and "Hot leads" reads it, without any run.
    const refused = errorOf(await gql(g.t.url, OPS.rollbackNow, { input: { targetKind: 'scoringModel', targetId: g.leadModelId } }, g.admin.token));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('version 2 fired 0 times since it was published; the criterion needs at least 10');
    expect(errorOf(await gql(g.t.url, OPS.rollbackNow, { input: { targetKind: 'scoringModel', targetId: randomUUID() } }, g.admin.token)).code).toBe('NOT_FOUND');
  });
});
