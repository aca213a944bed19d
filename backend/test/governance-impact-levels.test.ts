import type { EventScoringModel } from '@tripline/scoring';
import { createPlaybook, decide, errorOf, ok, OPS, startGovernanceApp, storePolicy, submit, thresholdPlaybookDocument, type GovernanceApp } from './governance-support/governance-app';
import { DAY_MS, group, publishModel, sendBatch, track } from './scoring-support/scoring-api';
import { gql } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';

jest.setTimeout(120_000);

/** Pricing 10, demo 30, no decay: scores worked out by hand. */
const handModel: EventScoringModel = {
  schemaVersion: 1,
  id: 'hand',
  version: 1,
  name: 'Hand',
  kind: 'events',
  rules: [
    { id: 'pricing', event: 'Pricing Page Viewed', points: 10, weight: 1 },
    { id: 'demo', event: 'Demo Requested', points: 30, weight: 1 },
  ],
  decay: { kind: 'none' },
  rollup: 'sum',
  tiers: [
    { name: 'Low', min: 0, max: 40 },
    { name: 'Medium', min: 41, max: 70 },
    { name: 'High', min: 71, max: 100 },
  ],
};

/**
 * The levels a change needs come from its real impact (the impact service's backtest over stored
 * history): a change touching 50 % of the revenue-weighted accounts needs "Finance / legal" on top of
 * the approver, and one touching none needs the approver only.
 */
describe.each(databaseKindsUnderTest())('approval levels chosen by impact on %s', (kind) => {
  let g: GovernanceApp;
  let playbookId: string;

  beforeAll(async () => {
    g = await startGovernanceApp(kind);
    // Set up with no approvals, then switch to the tiered policy.
    await storePolicy(g, { levels: [] });
    const modelId = await publishModel(g.t, g.admin.token, 'Hand', handModel);
    const now = Date.now();
    const daysAgo = (days: number) => new Date(now - days * DAY_MS).toISOString();
    // Scores: p-ann 10, p-bob 40, p-cat 60, p-dan 70. Accounts' arr 1,000 / 2,000 / 3,000 / 4,000: 10,000 in all.
    await sendBatch(g.t, [
      group('p-ann', 'g1', { name: 'One', arr: 1000 }),
      group('p-bob', 'g2', { name: 'Two', arr: 2000 }),
      group('p-cat', 'g3', { name: 'Three', arr: 3000 }),
      group('p-dan', 'g4', { name: 'Four', arr: 4000 }),
      track('p-ann', 'Pricing Page Viewed', daysAgo(10)),
      track('p-bob', 'Demo Requested', daysAgo(12)),
      track('p-bob', 'Pricing Page Viewed', daysAgo(11)),
      track('p-cat', 'Demo Requested', daysAgo(9)),
      track('p-cat', 'Demo Requested', daysAgo(8)),
      track('p-dan', 'Demo Requested', daysAgo(15)),
      track('p-dan', 'Demo Requested', daysAgo(14)),
      track('p-dan', 'Pricing Page Viewed', daysAgo(13)),
    ]);
    // Crossing 65 fires p-dan only.
    playbookId = await createPlaybook(g, g.ed, 'Hot accounts', thresholdPlaybookDocument(modelId, 65));
    ok(await gql(g.t.url, OPS.publishPlaybook, { id: playbookId }, g.ed.token), 'publishPlaybook');
    await storePolicy(g, {
      levels: [
        { name: 'Approval', approvers: { roles: ['approver'] }, required: 1, when: { always: true }, timeout: '72h' },
        { name: 'Finance / legal', approvers: { users: [g.cat.id] }, required: 1, when: { revenueShareAbove: 5 }, timeout: '72h' },
        { name: 'Executive', approvers: { roles: ['admin'] }, required: 1, when: { revenueShareAbove: 60 }, timeout: '72h' },
      ],
    });
  });

  afterAll(async () => {
    await g?.t.close();
  });

  it('adds the finance level when the change affects more than 5 % of revenue, not the executive one', async () => {
    // 65 → 35 newly fires p-bob and p-cat: (2,000 + 3,000) / 10,000 = 50 %.
    const request = ok(await submit(g, g.ed, { kind: 'changeThreshold', targetId: playbookId, threshold: { path: 'trigger.threshold', value: 35 } }), 'submit').submitChangeRequest;
    expect(request.impact).toMatchObject({ revenueShareAffected: 50, pipelineValueAffected: 5000, newSubjects: { count: 2 } });
    expect(request.levels.map((level: { name: string; policyIndex: number }) => [level.name, level.policyIndex])).toEqual([
      ['Approval', 0],
      ['Finance / legal', 1],
    ]);
    ok(await decide(g, g.ann, request.id, 'APPROVE'), 'decide');
    expect(errorOf(await decide(g, g.bob, request.id, 'APPROVE')).code).toBe('FORBIDDEN');
    expect(ok(await decide(g, g.cat, request.id, 'APPROVE'), 'decide').decideChangeRequest).toMatchObject({ status: 'published', publishedVersion: 2 });
  });

  it('needs only the approver when no revenue is affected', async () => {
    // 35 → 36 fires the same people (p-bob 40, p-cat 60, p-dan 70).
    const request = ok(await submit(g, g.ed, { kind: 'changeThreshold', targetId: playbookId, threshold: { path: 'trigger.threshold', value: 36 } }), 'submit').submitChangeRequest;
    expect(request.impact).toMatchObject({ revenueShareAffected: 0, newSubjects: { count: 0 }, droppedSubjects: { count: 0 } });
    expect(request.levels.map((level: { name: string }) => level.name)).toEqual(['Approval']);
    expect(ok(await decide(g, g.bob, request.id, 'APPROVE'), 'decide').decideChangeRequest).toMatchObject({ status: 'published', publishedVersion: 3 });
  });
});
