import { pqlComponentModel, seedEventModel } from '@tripline/scoring';
import { ScoreHistoryEntity } from '../src/scoring/score-history.entity';
import { findAll } from './ingest-support/segment-requests';
import { internalRequest } from './support/internal-api';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp } from './support/test-app';
import { accountIdOf, group, newWorkspace, personIdOf, profileScore, publishModel, sendBatch, track, type TestWorkspace } from './scoring-support/scoring-api';

jest.setTimeout(60_000);

const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

describe.each(databaseKindsUnderTest())('score steps (POST /internal/scores/adjust) on %s', (kind) => {
  let t: TestApp;
  let w: TestWorkspace;
  let lead: string;
  let leadMax: string;
  let pql: string;
  let ann: string;
  let acme: string;
  let sequence = 0;

  /** A score step's request; each call is a new step visit unless `visit`/`stepId` repeat one. */
  function step(overrides: Record<string, unknown> = {}) {
    const visit = (overrides.visit as number | undefined) ?? ++sequence;
    const stepId = (overrides.stepId as string | undefined) ?? 'bump';
    const workflowId = `tripline:${w.workspaceId}:enroll-${kind}`;
    return {
      workspaceId: w.workspaceId,
      runId: 'run-1',
      workflowId,
      stepId,
      visit,
      key: `${workflowId}:${stepId}:${visit}`,
      subject: { kind: 'person', id: ann },
      model: lead,
      ...overrides,
    };
  }
  const adjust = (body: Record<string, unknown>) => internalRequest(t, 'POST', '/internal/scores/adjust', body);

  beforeAll(async () => {
    t = await startTestApp(kind);
    w = await newWorkspace(t, `Score steps ${kind}`);
    // No decay, so scores read the same whenever the test reads them.
    lead = await publishModel(t, w.token, 'Lead', { ...seedEventModel(), decay: { kind: 'none' } });
    leadMax = await publishModel(t, w.token, 'Lead (max)', { ...seedEventModel(), decay: { kind: 'none' }, rollup: 'max' });
    pql = await publishModel(t, w.token, 'PQL', pqlComponentModel());
    await sendBatch(t, [group('sa-ann', 'sa-acme', { name: 'Acme', seats: 10 })], w.writeKey);
    await sendBatch(t, [track('sa-ann', 'Pricing Page Viewed', secondsAgo(30), {}, 'sa-ann-pricing')], w.writeKey);
    ann = await personIdOf(t, w.workspaceId, 'sa-ann');
    acme = await accountIdOf(t, w.workspaceId, 'sa-acme');
  });
  afterAll(async () => t?.close());

  it('adds points as a manual contribution that the profile and score history show', async () => {
    const before = await profileScore(t, w.token, { personId: ann }, 'Lead');
    expect(before.score).toBe(5);
    const body = step({ stepId: 'bump', visit: 1, adjust: 40 });
    const answer = await adjust(body);
    expect(answer).toEqual({ status: 200, body: { score: 45, tier: 'Medium' } });

    const after = await profileScore(t, w.token, { personId: ann }, 'Lead');
    expect(after).toMatchObject({ score: 45, tier: 'Medium' });
    expect(after.topContributions).toContainEqual(
      expect.objectContaining({ messageId: 'adjust:run-1:bump:1', event: 'Playbook run run-1, step bump', ruleId: 'manual:+40', points: 40 }),
    );
    expect(after.history[0]).toMatchObject({ score: 45, tier: 'Medium', messageId: 'adjust:run-1:bump:1' });
  });

  it('never adds twice for one key: a retry returns the first answer', async () => {
    const body = step({ adjust: 10 });
    const first = await adjust(body);
    const retries = await Promise.all([adjust(body), adjust(body), adjust(body)]);
    for (const retry of retries) expect(retry).toEqual(first);
    const history = await findAll(t, ScoreHistoryEntity, { workspaceId: w.workspaceId, messageId: `adjust:run-1:bump:${body.visit}` });
    expect(history).toHaveLength(1);
    // Reading (no adjust) under a fresh key shows the points counted once.
    expect((await adjust(step())).body).toEqual(first.body);
  });

  it('adds again on the next visit of the step, and takes points away with a negative adjust', async () => {
    const start = (await adjust(step())).body.score as number;
    expect((await adjust(step({ adjust: 7 }))).body.score).toBe(start + 7);
    expect((await adjust(step({ adjust: -20 }))).body.score).toBe(start - 13);
    // Zero points is a read: no history row.
    const zero = step({ adjust: 0 });
    expect((await adjust(zero)).body.score).toBe(start - 13);
    expect(await findAll(t, ScoreHistoryEntity, { workspaceId: w.workspaceId, messageId: `adjust:run-1:bump:${zero.visit}` })).toHaveLength(0);
  });

  it('keeps the manual contribution when ingest later scores more events for the person', async () => {
    const start = (await adjust(step())).body.score as number;
    await sendBatch(t, [track('sa-ann', 'Pricing Page Viewed', secondsAgo(5), {}, 'sa-ann-pricing-2')], w.writeKey);
    expect((await adjust(step())).body.score).toBe(start + 5);
    const profile = await profileScore(t, w.token, { personId: ann }, 'Lead');
    expect(profile.score).toBe(start + 5);
    expect(profile.topContributions.map((c: { messageId: string }) => c.messageId)).toContain('adjust:run-1:bump:1');
  });

  it('reads component models and rolled-up accounts, but refuses to add points to them', async () => {
    const read = await adjust(step({ subject: { kind: 'account', id: acme }, model: pql }));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ score: expect.any(Number), tier: expect.any(String) });

    const component = await adjust(step({ subject: { kind: 'account', id: acme }, model: pql, adjust: 5 }));
    expect(component.status).toBe(400);
    expect(component.body.message).toBe('"PQL" is a component model: its score comes from activity and traits, so points cannot be added; leave out "adjust" to read the score');

    const rolledUp = await adjust(step({ subject: { kind: 'account', id: acme }, model: leadMax }));
    expect(rolledUp.body).toEqual({ score: (await profileScore(t, w.token, { personId: ann }, 'Lead (max)')).score, tier: expect.any(String) });
    const refused = await adjust(step({ subject: { kind: 'account', id: acme }, model: leadMax, adjust: 5 }));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/rolls accounts up from their people \(max\)/);

    const person = await adjust(step({ model: pql }));
    expect(person.status).toBe(400);
    expect(person.body.message).toBe('"PQL" is a component model; it scores accounts only, not people');
  });

  it('answers 404 for an unknown model or subject and 400 for a malformed request, without recording the key as done', async () => {
    const unknownModel = step({ model: 'no-such-model', adjust: 1 });
    expect(await adjust(unknownModel)).toMatchObject({ status: 404, body: { message: `No published scoring model "no-such-model" in workspace ${w.workspaceId}` } });
    expect(await adjust(step({ subject: { kind: 'person', id: 'nobody' }, adjust: 1 }))).toMatchObject({
      status: 404,
      body: { message: `No person "nobody" in workspace ${w.workspaceId}` },
    });
    const badKey = await adjust({ ...step({ adjust: 1 }), key: 'something-else' });
    expect(badKey.status).toBe(400);
    expect(badKey.body.message).toMatch(/^Invalid score adjustment: key: must be "<workflowId>:<stepId>:<visit>"/);
    const badAdjust = await adjust(step({ adjust: 'ten' }));
    expect(badAdjust.status).toBe(400);
    expect(badAdjust.body.message).toMatch(/^Invalid score adjustment: adjust:/);
    // The failed step did not complete its key: once the model exists it would run.
    expect((await adjust({ ...unknownModel, model: lead, adjust: undefined })).status).toBe(200);
  });

  it('needs the internal token', async () => {
    const response = await internalRequest(t, 'POST', '/internal/scores/adjust', step(), null);
    expect(response.status).toBe(401);
  });
});
