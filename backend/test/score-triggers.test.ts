import type { Enrollment, Trigger } from '@tripline/playbook';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { OutboxMessageEntity } from '../src/outbox/outbox-message.entity';
import { EnrollmentEntity } from '../src/triggers/enrollment.entity';
import { SubjectAggregatesEntity } from '../src/triggers/subject-aggregates.entity';
import { publishPlaybook } from './ingest-support/publish-playbook';
import { findAll } from './ingest-support/segment-requests';
import { loginAsAdmin } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp } from './support/test-app';
import { accountIdOf, ago, group, modelIdByName, personIdOf, profileScore, publishModel, sendBatch, track } from './scoring-support/scoring-api';

const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

describe.each(databaseKindsUnderTest())('score, tier, window and composite triggers at ingest on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;
  let lead: string;
  let playbookCount = 0;

  beforeAll(async () => {
    // Ingest alone: the scheduler's tick (inactivity, schedules) runs once at start, then not for a day.
    t = await startTestApp(kind, { TRIPLINE_TRIGGER_TICK_MS: '86400000' });
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    lead = await modelIdByName(t, await loginAsAdmin(t.url), 'Lead score (seed table)');
  });
  afterAll(async () => t?.close());

  const playbook = (trigger: Trigger, enrollment: Enrollment) => publishPlaybook(t, { name: `Trigger test ${++playbookCount}`, trigger, enrollment });
  const enrollmentsOf = async (playbookId: string) =>
    (await findAll(t, EnrollmentEntity, { workspaceId, playbookId })).sort((a, b) => a.eventTimestamp.getTime() - b.eventTimestamp.getTime());
  const outboxOf = async (playbookId: string) => (await findAll(t, OutboxMessageEntity, { workspaceId })).filter((row) => row.payload.playbookId === playbookId);

  describe('scoreThreshold', () => {
    it('enrolls once, through the outbox, when the crossing event arrives, and not for events that keep it above', async () => {
      // 'always' re-enrolls on every firing: only the crossing fires, being above does not.
      const { playbookId } = await playbook({ kind: 'scoreThreshold', model: lead, threshold: 71, direction: 'up' }, { subject: 'person', reenroll: 'always' });
      await sendBatch(t, [track('st-ann', 'Pricing Page Viewed', secondsAgo(40), {}, 'st-ann-pricing')]);
      expect(await enrollmentsOf(playbookId)).toEqual([]);
      await sendBatch(t, [track('st-ann', 'Trial Started', secondsAgo(30), {}, 'st-ann-trial')]);
      await sendBatch(t, [track('st-ann', 'Demo Requested', secondsAgo(20), {}, 'st-ann-demo'), track('st-ann', 'Pricing Page Viewed', secondsAgo(10), {}, 'st-ann-pricing-2')]);

      const person = await personIdOf(t, workspaceId, 'st-ann');
      const enrollments = await enrollmentsOf(playbookId);
      expect(enrollments).toEqual([expect.objectContaining({ subjectKind: 'person', subjectId: person, messageId: 'st-ann-trial', enrollmentKey: `${playbookId}:person:${person}:st-ann-trial` })]);
      const outbox = await outboxOf(playbookId);
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ status: 'pending', payload: { enrollmentKey: enrollments[0].enrollmentKey, subject: { kind: 'person', id: person } } });
      expect(outbox[0].payload.context.event).toMatchObject({ name: 'Trial Started', messageId: 'st-ann-trial' });
      // The run learns which score moved: 5 (pricing, seconds ago) + 75 (trial) = 80, Low → High.
      const score = outbox[0].payload.context.score;
      expect(score).toMatchObject({ model: lead, tier: 'High', previousTier: 'Low' });
      expect(score.previousScore).toBeCloseTo(5, 1);
      expect(score.score).toBeCloseTo(80, 1);
    });

    it('finds the crossing inside a batch sent out of order', async () => {
      const { playbookId } = await playbook({ kind: 'scoreThreshold', model: lead, threshold: 100, direction: 'up' }, { subject: 'person', reenroll: 'always' });
      await sendBatch(t, [
        track('st-bo', 'Demo Requested', secondsAgo(10), {}, 'st-bo-demo'),
        track('st-bo', 'Pricing Page Viewed', secondsAgo(30), {}, 'st-bo-pricing'),
        track('st-bo', 'Trial Started', secondsAgo(20), {}, 'st-bo-trial'),
      ]);
      // 5 → 80 → 230: the demo crossed 100.
      expect((await enrollmentsOf(playbookId)).map((e) => e.messageId)).toEqual(['st-bo-demo']);
    });

    it('fires downward on the event that takes the score below, under a model of the workspace', async () => {
      const admin = await loginAsAdmin(t.url);
      const risk = await publishModel(t, admin, 'Risk', {
        schemaVersion: 1,
        id: 'risk',
        version: 1,
        name: 'Risk',
        kind: 'events',
        rules: [
          { id: 'trial', event: 'Trial Started', points: 80, weight: 1 },
          { id: 'downgrade', event: 'Plan Downgraded', points: -50, weight: 1 },
        ],
        decay: { kind: 'none' },
        rollup: 'sum',
        tiers: [{ name: 'Any', min: -1000, max: 1000 }],
      });
      const { playbookId } = await playbook({ kind: 'scoreThreshold', model: risk, threshold: 71, direction: 'down' }, { subject: 'person', reenroll: 'always' });
      await sendBatch(t, [track('st-cy', 'Trial Started', secondsAgo(30), {}, 'st-cy-trial')]);
      expect(await enrollmentsOf(playbookId)).toEqual([]);
      await sendBatch(t, [track('st-cy', 'Plan Downgraded', secondsAgo(20), {}, 'st-cy-downgrade'), track('st-cy', 'Plan Downgraded', secondsAgo(10), {}, 'st-cy-downgrade-2')]);
      expect((await enrollmentsOf(playbookId)).map((e) => e.messageId)).toEqual(['st-cy-downgrade']);
    });

    it("enrolls the account when its members' events take the account score across", async () => {
      const { playbookId } = await playbook({ kind: 'scoreThreshold', model: lead, threshold: 100, direction: 'up' }, { subject: 'account', reenroll: 'never' });
      await sendBatch(t, [group('st-ac-1', 'st-account'), group('st-ac-2', 'st-account')]);
      await sendBatch(t, [track('st-ac-1', 'Trial Started', secondsAgo(30), {}, 'st-ac-1-trial')]);
      expect(await enrollmentsOf(playbookId)).toEqual([]);
      await sendBatch(t, [track('st-ac-2', 'Trial Started', secondsAgo(20), {}, 'st-ac-2-trial'), track('st-ac-2', 'Demo Requested', secondsAgo(10), {}, 'st-ac-2-demo')]);
      const account = await accountIdOf(t, workspaceId, 'st-account');
      expect(await enrollmentsOf(playbookId)).toEqual([expect.objectContaining({ subjectKind: 'account', subjectId: account, messageId: 'st-ac-2-trial', enrollmentKey: `${playbookId}:account:${account}` })]);
    });
  });

  it('rolls an average account score up from its members per event, for account playbooks and profiles', async () => {
    const admin = await loginAsAdmin(t.url);
    const team = await publishModel(t, admin, 'Team average', {
      schemaVersion: 1,
      id: 'team',
      version: 1,
      name: 'Team average',
      kind: 'events',
      rules: [{ id: 'demo', event: 'Demo Requested', points: 150, weight: 1 }],
      decay: { kind: 'none' },
      rollup: 'average',
      tiers: [{ name: 'Any', min: 0, max: 1000 }],
    });
    const { playbookId } = await playbook({ kind: 'scoreThreshold', model: team, threshold: 100, direction: 'up' }, { subject: 'account', reenroll: 'always' });
    await sendBatch(t, [group('avg-1', 'avg-account'), group('avg-2', 'avg-account')]);
    // (150 + 0) / 2 = 75: below 100.
    await sendBatch(t, [track('avg-1', 'Demo Requested', secondsAgo(30), {}, 'avg-1-demo')]);
    expect(await enrollmentsOf(playbookId)).toEqual([]);
    // (150 + 150) / 2 = 150: the second member's demo takes the account across.
    await sendBatch(t, [track('avg-2', 'Demo Requested', secondsAgo(20), {}, 'avg-2-demo')]);
    const account = await accountIdOf(t, workspaceId, 'avg-account');
    expect(await enrollmentsOf(playbookId)).toEqual([expect.objectContaining({ subjectId: account, messageId: 'avg-2-demo' })]);
    expect(await profileScore(t, admin, { accountId: account }, 'Team average')).toMatchObject({ score: 150, history: [] });
    expect(await profileScore(t, admin, { personId: await personIdOf(t, workspaceId, 'avg-1') }, 'Team average')).toMatchObject({ score: 150 });
  });

  it('moves a component-model account score per event when a playbook reads it', async () => {
    const admin = await loginAsAdmin(t.url);
    const pql = await modelIdByName(t, admin, 'PQL score (7 factors)');
    const { playbookId } = await playbook({ kind: 'tierChange', model: pql, to: 'Medium' }, { subject: 'account', reenroll: 'never' });
    // Traits alone: 3 integrations → 10, usage at 80 % of the limit → 15: 25 (Low).
    await sendBatch(t, [group('pq-1', 'pq-account', { seats: 2, active_integrations: 3, usage: 80, usage_limit: 100 }), group('pq-2', 'pq-account')]);
    await sendBatch(t, [track('pq-1', 'Page Loaded', secondsAgo(30), {}, 'pq-1-page'), track('pq-2', 'Page Loaded', secondsAgo(20), {}, 'pq-2-page')]);
    // 1 of 2 seats active: 50 % of the 80 % target → 12.5 (37.5, Low); 2 of 2 → 20 (45, Medium).
    const account = await accountIdOf(t, workspaceId, 'pq-account');
    expect(await enrollmentsOf(playbookId)).toEqual([expect.objectContaining({ subjectId: account, messageId: 'pq-2-page' })]);
    const score = await profileScore(t, admin, { accountId: account }, 'PQL score (7 factors)');
    expect(score).toMatchObject({ score: 45, tier: 'Medium' });
    expect(score.history.map((h: { score: number; messageId: string }) => [h.score, h.messageId])).toEqual([
      [45, 'pq-2-page'],
      [37.5, 'pq-1-page'],
    ]);
  });

  describe('tierChange', () => {
    it('fires when the tier changes into the one named, not while it stays', async () => {
      const { playbookId } = await playbook({ kind: 'tierChange', model: lead, to: 'High' }, { subject: 'person', reenroll: 'always' });
      await sendBatch(t, [track('tc-ann', 'Pricing Page Viewed', secondsAgo(40), {}, 'tc-ann-pricing'), track('tc-ann', 'Feature Used', secondsAgo(35), { core: true }, 'tc-ann-feature')]);
      expect(await enrollmentsOf(playbookId)).toEqual([]);
      await sendBatch(t, [track('tc-ann', 'Trial Started', secondsAgo(30), {}, 'tc-ann-trial')]);
      await sendBatch(t, [track('tc-ann', 'Demo Requested', secondsAgo(20), {}, 'tc-ann-demo')]);
      expect((await enrollmentsOf(playbookId)).map((e) => e.messageId)).toEqual(['tc-ann-trial']);
    });

    it('reads from / to: Low → Medium on the ninth pricing view (40 is still Low)', async () => {
      const { playbookId } = await playbook({ kind: 'tierChange', model: lead, from: 'Low', to: 'Medium' }, { subject: 'person', reenroll: 'always' });
      const views = Array.from({ length: 10 }, (_, i) => track('tc-bo', 'Pricing Page Viewed', secondsAgo(60 - i), {}, `tc-bo-${i + 1}`));
      await sendBatch(t, views);
      expect((await enrollmentsOf(playbookId)).map((e) => e.messageId)).toEqual(['tc-bo-9']);
    });
  });

  describe('window aggregates', () => {
    it('eventCount: 2+ "Invite Sent" in 14 days fires on the second inside the window, not 15 days apart', async () => {
      const { playbookId } = await playbook({ kind: 'eventCount', event: 'Invite Sent', atLeast: 2, withinDays: 14 }, { subject: 'account', reenroll: 'always' });
      await sendBatch(t, [group('ec-a1', 'ec-near'), group('ec-a2', 'ec-near'), group('ec-b1', 'ec-far')]);
      await sendBatch(t, [track('ec-a1', 'Invite Sent', ago(3), {}, 'ec-near-1')]);
      expect(await enrollmentsOf(playbookId)).toEqual([]);
      await sendBatch(t, [track('ec-a2', 'Invite Sent', ago(1), {}, 'ec-near-2')]);
      await sendBatch(t, [track('ec-a1', 'Invite Sent', ago(0, 5), {}, 'ec-near-3')]);
      // 15 days apart, sent newest first in one batch: never 2 within 14 days.
      await sendBatch(t, [track('ec-b1', 'Invite Sent', ago(25), {}, 'ec-far-2'), track('ec-b1', 'Invite Sent', ago(40), {}, 'ec-far-1')]);
      const near = await accountIdOf(t, workspaceId, 'ec-near');
      expect(await enrollmentsOf(playbookId)).toEqual([expect.objectContaining({ subjectKind: 'account', subjectId: near, messageId: 'ec-near-2' })]);
      expect(await outboxOf(playbookId)).toHaveLength(1);

      const [stored] = await findAll(t, SubjectAggregatesEntity, { workspaceId, subjectKind: 'account', subjectId: await accountIdOf(t, workspaceId, 'ec-far') });
      const days = Object.values(stored.aggregates.series).flatMap((series) => Object.keys(series));
      // Pruned to the longest window the workspace's account triggers read: the older day is gone.
      expect(days).toHaveLength(1);
    });

    it('propertySum: overage adds up to $500 within a month', async () => {
      const { playbookId } = await playbook({ kind: 'propertySum', event: 'Overage Charged', property: 'amount', atLeast: 500, withinDays: 30 }, { subject: 'account', reenroll: 'never' });
      await sendBatch(t, [group('ps-1', 'ps-account')]);
      await sendBatch(t, [track('ps-1', 'Overage Charged', ago(10), { amount: 300 }, 'ps-300'), track('ps-1', 'Overage Charged', ago(2), { amount: '250.50' }, 'ps-250')]);
      expect((await enrollmentsOf(playbookId)).map((e) => e.messageId)).toEqual(['ps-250']);
    });

    it('distinctUsers: the third person sharing a report within 30 days', async () => {
      const { playbookId } = await playbook({ kind: 'distinctUsers', event: 'Report Shared', atLeast: 3, withinDays: 30 }, { subject: 'account', reenroll: 'always' });
      await sendBatch(t, ['du-1', 'du-2', 'du-3'].map((user) => group(user, 'du-account')));
      await sendBatch(t, [
        track('du-1', 'Report Shared', ago(5), {}, 'du-1-a'),
        track('du-2', 'Report Shared', ago(4), {}, 'du-2-a'),
        track('du-2', 'Report Shared', ago(3), {}, 'du-2-b'),
        track('du-3', 'Report Shared', ago(2), {}, 'du-3-a'),
        track('du-1', 'Report Shared', ago(1), {}, 'du-1-b'),
      ]);
      expect((await enrollmentsOf(playbookId)).map((e) => e.messageId)).toEqual(['du-3-a']);
    });
  });

  describe('composites', () => {
    it('all: fires when the last condition becomes true, whichever it is', async () => {
      const trigger: Trigger = {
        kind: 'all',
        triggers: [
          { kind: 'scoreThreshold', model: lead, threshold: 71, direction: 'up' },
          { kind: 'eventCount', event: 'Invite Sent', atLeast: 1, withinDays: 7 },
        ],
      };
      const { playbookId } = await playbook(trigger, { subject: 'person', reenroll: 'never' });
      // Score first: the trial crosses 71 but no invite yet; the invite completes it (the score holds).
      await sendBatch(t, [track('all-1', 'Trial Started', secondsAgo(30), {}, 'all-1-trial')]);
      expect(await enrollmentsOf(playbookId)).toEqual([]);
      await sendBatch(t, [track('all-1', 'Invite Sent', secondsAgo(20), {}, 'all-1-invite')]);
      // Invite first: the trial completes it.
      await sendBatch(t, [track('all-2', 'Invite Sent', secondsAgo(30), {}, 'all-2-invite')]);
      await sendBatch(t, [track('all-2', 'Trial Started', secondsAgo(20), {}, 'all-2-trial')]);
      // Only one of the two: nothing.
      await sendBatch(t, [track('all-3', 'Demo Requested', secondsAgo(20), {}, 'all-3-demo')]);
      expect((await enrollmentsOf(playbookId)).map((e) => e.messageId).sort()).toEqual(['all-1-invite', 'all-2-trial']);
    });

    it('any: fires for each child that fires', async () => {
      const trigger: Trigger = { kind: 'any', triggers: [{ kind: 'event', event: 'Demo Requested' }, { kind: 'tierChange', model: lead, to: 'High' }] };
      const { playbookId } = await playbook(trigger, { subject: 'person', reenroll: 'always' });
      await sendBatch(t, [track('any-1', 'Trial Started', secondsAgo(30), {}, 'any-1-trial'), track('any-1', 'Demo Requested', secondsAgo(20), {}, 'any-1-demo')]);
      await sendBatch(t, [track('any-1', 'Pricing Page Viewed', secondsAgo(10), {}, 'any-1-pricing')]);
      expect((await enrollmentsOf(playbookId)).map((e) => e.messageId)).toEqual(['any-1-trial', 'any-1-demo']);
    });
  });

  it('leaves tick triggers (inactivity) to the scheduler but keeps when each subject was last active', async () => {
    const { playbookId } = await playbook({ kind: 'inactivity', event: 'Login', days: 7 }, { subject: 'person', reenroll: 'always' });
    const old = ago(20);
    const recent = ago(1);
    await sendBatch(t, [track('in-1', 'Login', old, {}, 'in-1-old'), track('in-1', 'Feature Used', recent, {}, 'in-1-feature')]);
    expect(await enrollmentsOf(playbookId)).toEqual([]);
    const [stored] = await findAll(t, SubjectAggregatesEntity, { workspaceId, subjectKind: 'person', subjectId: await personIdOf(t, workspaceId, 'in-1') });
    expect(stored.lastEventAt.toISOString()).toBe(recent);
    expect(stored.lastEventAtByName).toEqual({ Login: Date.parse(old) });
    // An older event arriving later moves neither time back.
    await sendBatch(t, [track('in-1', 'Login', ago(30), {}, 'in-1-older')]);
    const [again] = await findAll(t, SubjectAggregatesEntity, { workspaceId, subjectKind: 'person', subjectId: stored.subjectId });
    expect(again.lastEventAt.toISOString()).toBe(recent);
    expect(again.lastEventAtByName).toEqual({ Login: Date.parse(old) });
  });
});
