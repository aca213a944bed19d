import { demoRequestFollowUp, type Enrollment, type Trigger } from '@tripline/playbook';
import { ScheduledTriggersService } from '../src/scheduled-triggers/scheduled-triggers.service';
import { EnrollmentEntity } from '../src/triggers/enrollment.entity';
import { dataSourceOf } from './ingest-support/segment-requests';
import { gql } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp } from './support/test-app';
import { DAY_MS, newWorkspace, personIdOf, publishModel, sendBatch, track, type TestWorkspace } from './scoring-support/scoring-api';

const HOUR_MS = 3_600_000;
const CREATE_PLAYBOOK = `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`;
const PUBLISH_PLAYBOOK = `mutation($id: ID!) { publishPlaybook(id: $id) { version } }`;

/**
 * A decaying score slips under a threshold with no event to notice it: ticks look for those crossings
 * (scheduled-triggers/tick-playbooks.ts), over the span since the subject's newest event, so a
 * crossing is fired by ingest or by a tick, never both.
 */
describe.each(databaseKindsUnderTest())('score crossings caused by decay alone, on ticks, on %s', (kind) => {
  let t: TestApp;
  let ticks: ScheduledTriggersService;
  let ws: TestWorkspace;
  let model: string;

  beforeAll(async () => {
    // Only the ticks the tests run at chosen times (the background ticker waits a day).
    t = await startTestApp(kind, { TRIPLINE_TRIGGER_TICK_MS: '86400000' });
    ticks = t.app.get(ScheduledTriggersService);
    ws = await newWorkspace(t, 'Decay');
    // 80 points that halve every day.
    model = await publishModel(t, ws.token, 'Engagement', {
      schemaVersion: 1,
      id: 'engagement',
      version: 1,
      name: 'Engagement',
      kind: 'events',
      rules: [
        { id: 'trial', event: 'Trial Started', points: 80, weight: 1 },
        { id: 'login', event: 'Logged In', points: 20, weight: 1 },
      ],
      decay: { kind: 'halfLife', days: 1 },
      rollup: 'sum',
      tiers: [
        { name: 'Low', min: 0, max: 40 },
        { name: 'Medium', min: 41, max: 70 },
        { name: 'High', min: 71, max: 1000 },
      ],
    });
  });
  afterAll(async () => t?.close());

  async function publish(name: string, trigger: Trigger, enrollment: Enrollment): Promise<string> {
    const definition = JSON.parse(JSON.stringify({ ...demoRequestFollowUp, name, trigger, enrollment }));
    const created = await gql(t.url, CREATE_PLAYBOOK, { input: { name, definition } }, ws.token);
    const id = created.data?.createPlaybook.id;
    if (!id) throw new Error(`createPlaybook failed: ${JSON.stringify(created.errors)}`);
    const published = await gql(t.url, PUBLISH_PLAYBOOK, { id }, ws.token);
    if (!published.data) throw new Error(`publishPlaybook failed: ${JSON.stringify(published.errors)}`);
    return id;
  }
  const enrollments = async (playbookId: string) =>
    (await dataSourceOf(t).getRepository(EnrollmentEntity).find({ where: { workspaceId: ws.workspaceId, playbookId } })).map((e) => ({ subject: e.subjectId, occurrence: e.messageId }));

  it('fires a downward threshold once, at the first tick after the decayed score fell under it, and never an upward one', async () => {
    const down = await publish('Cooling off', { kind: 'scoreThreshold', model, threshold: 50, direction: 'down' }, { subject: 'person', reenroll: 'always' });
    const up = await publish('Heating up', { kind: 'scoreThreshold', model, threshold: 30, direction: 'up' }, { subject: 'person', reenroll: 'always' });
    const tier = await publish('Left High', { kind: 'tierChange', model, from: 'High', to: 'Medium' }, { subject: 'person', reenroll: 'always' });
    const start = Date.now();
    await sendBatch(t, [track('dk-ann', 'Trial Started', new Date(start).toISOString(), {}, 'dk-ann-trial')], ws.writeKey);
    const ann = await personIdOf(t, ws.workspaceId, 'dk-ann');
    // The trial crossed 30 upward at ingest: that is ingest's firing, not a tick's.
    expect(await enrollments(up)).toEqual([{ subject: ann, occurrence: 'dk-ann-trial' }]);

    // 80 · 2^(−t/1 day) is 71 at t = log2(80/71) days ≈ 4.13 h, and 50 at log2(80/50) days ≈ 16.3 h.
    await ticks.runTick(new Date(start + 4 * HOUR_MS));
    expect(await enrollments(tier)).toEqual([]);
    await ticks.runTick(new Date(start + 5 * HOUR_MS));
    expect(await enrollments(tier)).toHaveLength(1);
    await ticks.runTick(new Date(start + 16 * HOUR_MS));
    expect(await enrollments(down)).toEqual([]);
    await ticks.runTick(new Date(start + 17 * HOUR_MS));
    const fired = await enrollments(down);
    expect(fired).toEqual([{ subject: ann, occurrence: `tick:${new Date(start + 17 * HOUR_MS).toISOString()}` }]);

    // Later ticks see a score already under 50: no second firing, and decay never fires "up".
    await ticks.runTick(new Date(start + 2 * DAY_MS));
    await ticks.runTick(new Date(start + 5 * DAY_MS));
    expect(await enrollments(down)).toEqual(fired);
    expect(await enrollments(tier)).toHaveLength(1);
    expect(await enrollments(up)).toEqual([{ subject: ann, occurrence: 'dk-ann-trial' }]);
  });

  it('leaves a subject whose newest event keeps the score above alone, and counts decay only from that event', async () => {
    const down = await publish('Cooling off (bob)', { kind: 'scoreThreshold', model, threshold: 50, direction: 'down' }, { subject: 'person', reenroll: 'always' });
    const now = Date.now();
    // A trial 12 h ago: 80 · 2^(−0.5) ≈ 56.6 now, under 50 in ≈ 4.3 h — but a login now makes it ≈ 76.6,
    // which falls under 50 after log2(76.6/50) days ≈ 14.8 h.
    await sendBatch(t, [track('dk-bob', 'Trial Started', new Date(now - 12 * HOUR_MS).toISOString(), {}, 'dk-bob-trial')], ws.writeKey);
    await sendBatch(t, [track('dk-bob', 'Logged In', new Date(now).toISOString(), {}, 'dk-bob-login')], ws.writeKey);
    await ticks.runTick(new Date(now + 10 * HOUR_MS));
    await ticks.runTick(new Date(now + 14 * HOUR_MS));
    expect(await enrollments(down)).toEqual([]);
    await ticks.runTick(new Date(now + 15 * HOUR_MS));
    const bob = await personIdOf(t, ws.workspaceId, 'dk-bob');
    expect(await enrollments(down)).toEqual([{ subject: bob, occurrence: `tick:${new Date(now + 15 * HOUR_MS).toISOString()}` }]);
  });
});
