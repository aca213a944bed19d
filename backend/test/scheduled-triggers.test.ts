import { randomBytes } from 'node:crypto';
import { demoRequestFollowUp, type Enrollment, type Trigger } from '@tripline/playbook';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/tripline-config';
import { OutboxMessageEntity } from '../src/outbox/outbox-message.entity';
import { ScheduledTriggersService } from '../src/scheduled-triggers/scheduled-triggers.service';
import { TriggerTickEntity } from '../src/scheduled-triggers/trigger-tick.entity';
import { EnrollmentEntity } from '../src/triggers/enrollment.entity';
import { dataSourceOf } from './ingest-support/segment-requests';
import { waitFor } from './ingest-support/wait-for';
import { gql } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp } from './support/test-app';
import { accountIdOf, DAY_MS, group, newWorkspace, personIdOf, publishModel, sendBatch, track, type TestWorkspace } from './scoring-support/scoring-api';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const CREATE_PLAYBOOK = `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`;
const PUBLISH_PLAYBOOK = `mutation($id: ID!) { publishPlaybook(id: $id) { version } }`;

/** Creates and publishes a playbook in the workspace of `token` (the sample graph with this trigger). */
async function publishIn(t: TestApp, token: string, name: string, trigger: Trigger, enrollment: Enrollment): Promise<string> {
  const definition = JSON.parse(JSON.stringify({ ...demoRequestFollowUp, name, trigger, enrollment }));
  const created = await gql(t.url, CREATE_PLAYBOOK, { input: { name, definition } }, token);
  const id = created.data?.createPlaybook.id;
  if (!id) throw new Error(`createPlaybook failed: ${JSON.stringify(created.errors)}`);
  const published = await gql(t.url, PUBLISH_PLAYBOOK, { id }, token);
  if (!published.data) throw new Error(`publishPlaybook failed: ${JSON.stringify(published.errors)}`);
  return id;
}

const enrollmentsOf = async (t: TestApp, workspaceId: string, playbookId: string) =>
  (await dataSourceOf(t).getRepository(EnrollmentEntity).find({ where: { workspaceId, playbookId } })).sort(
    (a, b) => a.eventTimestamp.getTime() - b.eventTimestamp.getTime() || (a.subjectId < b.subjectId ? -1 : 1),
  );
const enrolledIds = async (t: TestApp, workspaceId: string, playbookId: string) => (await enrollmentsOf(t, workspaceId, playbookId)).map((e) => e.subjectId);
const outboxOf = async (t: TestApp, workspaceId: string, playbookId: string) =>
  (await dataSourceOf(t).getRepository(OutboxMessageEntity).find({ where: { workspaceId } })).filter((row) => row.payload.playbookId === playbookId);

/** "Monday 09:00" in the zone: read with Intl, independently of the cron library. */
const localWeekdayTime = (time: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(time)).replace(',', '').replace(' at ', ' ');

/** The first instant after `after` that is a Monday 09:00 in the zone (zones move in quarter hours). */
function nextMondayNine(after: number, timeZone: string): number {
  let time = Math.ceil((after + 1) / (15 * MINUTE_MS)) * 15 * MINUTE_MS;
  while (localWeekdayTime(time, timeZone) !== 'Monday 09:00') time += 15 * MINUTE_MS;
  return time;
}

describe.each(databaseKindsUnderTest())('inactivity, schedule and relative-date triggers on ticks on %s', (kind) => {
  let t: TestApp;
  let ticks: ScheduledTriggersService;

  beforeAll(async () => {
    // The background ticker runs every 200 ms beside the ticks these tests run at chosen times.
    t = await startTestApp(kind, { TRIPLINE_TRIGGER_TICK_MS: '200' });
    ticks = t.app.get(ScheduledTriggersService);
  });
  afterAll(async () => t?.close());

  const tick = (time: number) => ticks.runTick(new Date(time));

  describe('inactivity', () => {
    let ws: TestWorkspace;
    let anyActivity: string;
    let noLogin: string;
    const now0 = Date.now();
    const annActive = now0 - MINUTE_MS;
    const bobActive = now0 - 3 * DAY_MS;
    const bobLogin = now0 - 5 * DAY_MS;
    const deadline = (active: number) => active + 14 * DAY_MS;
    let ann: string;
    let bob: string;

    beforeAll(async () => {
      ws = await newWorkspace(t, 'Inactivity');
      anyActivity = await publishIn(t, ws.token, 'Re-engage', { kind: 'inactivity', days: 14 }, { subject: 'person', reenroll: 'always' });
      noLogin = await publishIn(t, ws.token, 'No login', { kind: 'inactivity', event: 'Login', days: 14 }, { subject: 'person', reenroll: 'never' });
      await sendBatch(
        t,
        [
          { type: 'identify', userId: 'ann', traits: { email: 'ann@example.test' }, messageId: 'in-ann-identify', timestamp: new Date(annActive - 1000).toISOString() },
          track('ann', 'Feature Used', new Date(annActive).toISOString(), {}, 'in-ann-1'),
          track('bob', 'Login', new Date(bobLogin).toISOString(), {}, 'in-bob-login'),
          track('bob', 'Feature Used', new Date(bobActive).toISOString(), {}, 'in-bob-1'),
        ],
        ws.writeKey,
      );
      ann = await personIdOf(t, ws.workspaceId, 'ann');
      bob = await personIdOf(t, ws.workspaceId, 'bob');
    });

    it('enrolls once at the first tick after 14 days without an event: not before, not twice', async () => {
      await tick(deadline(bobLogin) - MINUTE_MS);
      expect(await enrolledIds(t, ws.workspaceId, noLogin)).toEqual([]);
      // bob's last login was 5 days before his last activity: the named event comes due first.
      await tick(deadline(bobLogin) + MINUTE_MS);
      expect(await enrolledIds(t, ws.workspaceId, noLogin)).toEqual([bob]);
      expect(await enrolledIds(t, ws.workspaceId, anyActivity)).toEqual([]);

      await tick(deadline(bobActive) + MINUTE_MS);
      expect(await enrolledIds(t, ws.workspaceId, anyActivity)).toEqual([bob]);
      await tick(deadline(annActive) - MINUTE_MS);
      expect(await enrolledIds(t, ws.workspaceId, anyActivity)).toEqual([bob]);
      await tick(deadline(annActive) + MINUTE_MS);
      await tick(deadline(annActive) + DAY_MS);
      await tick(deadline(annActive) + 20 * DAY_MS);
      // 'always' re-enrolls per occurrence, and each subject's inactivity came due once.
      const enrollments = await enrollmentsOf(t, ws.workspaceId, anyActivity);
      expect(enrollments.map((e) => [e.subjectId, e.messageId, e.eventTimestamp.getTime()])).toEqual([
        [bob, `tick:${new Date(deadline(bobActive)).toISOString()}`, deadline(bobActive)],
        [ann, `tick:${new Date(deadline(annActive)).toISOString()}`, deadline(annActive)],
      ]);
      expect(enrollments[1]!.enrollmentKey).toBe(`${anyActivity}:person:${ann}:tick:${new Date(deadline(annActive)).toISOString()}`);
      // ann never logged in: "no Login for 14 days" needs a login to count from.
      expect(await enrolledIds(t, ws.workspaceId, noLogin)).toEqual([bob]);

      const outbox = await outboxOf(t, ws.workspaceId, anyActivity);
      expect(outbox).toHaveLength(2);
      const annRun = outbox.find((row) => row.payload.subject.id === ann)!;
      expect(annRun.payload).toMatchObject({ enrollmentKey: enrollments[1]!.enrollmentKey, subject: { kind: 'person', id: ann }, playbookVersion: 1 });
      expect(annRun.payload.context).toEqual({ person: { id: ann, userId: 'ann', traits: { email: 'ann@example.test' } } });
    });

    it('starts a new inactivity episode after the subject is active again', async () => {
      const back = deadline(annActive) + 21 * DAY_MS;
      await sendBatch(t, [track('ann', 'Feature Used', new Date(back).toISOString(), {}, 'in-ann-back')], ws.writeKey);
      await tick(deadline(back) - MINUTE_MS);
      expect(await enrolledIds(t, ws.workspaceId, anyActivity)).toEqual([bob, ann]);
      await tick(deadline(back) + MINUTE_MS);
      expect(await enrolledIds(t, ws.workspaceId, anyActivity)).toEqual([bob, ann, ann]);
      const [row] = await dataSourceOf(t).getRepository(TriggerTickEntity).findBy({ workspaceId: ws.workspaceId, playbookId: anyActivity });
      expect(row!.lastTickAt.getTime()).toBe(deadline(back) + MINUTE_MS);
      // A tick at an earlier time than the last one covers nothing and moves nothing back.
      await tick(deadline(back) - DAY_MS);
      const [after] = await dataSourceOf(t).getRepository(TriggerTickEntity).findBy({ workspaceId: ws.workspaceId, playbookId: anyActivity });
      expect(after!.lastTickAt.getTime()).toBe(deadline(back) + MINUTE_MS);
    });
  });

  describe('schedule', () => {
    const zone = 'Europe/Berlin';
    let ws: TestWorkspace;
    let everyAccount: string;
    let highScorers: string;
    let recentDemos: string;

    beforeAll(async () => {
      ws = await newWorkspace(t, 'Schedule');
      const model = await publishModel(t, ws.token, 'Demo score', {
        schemaVersion: 1,
        id: 'demo',
        version: 1,
        name: 'Demo score',
        kind: 'events',
        rules: [{ id: 'demo', event: 'Demo Requested', points: 60, weight: 1 }],
        decay: { kind: 'none' },
        rollup: 'sum',
        tiers: [{ name: 'Any', min: 0, max: 1000 }],
      });
      const schedule: Trigger = { kind: 'schedule', cron: '0 9 * * 1', timeZone: zone };
      // Published before the events, so ingest keeps the window aggregate it reads: every Monday 9:00, whoever asked for a demo in the last 30 days.
      recentDemos = await publishIn(t, ws.token, 'Weekly demo follow-up', { kind: 'all', triggers: [schedule, { kind: 'eventCount', event: 'Demo Requested', atLeast: 1, withinDays: 30 }] }, { subject: 'person', reenroll: 'always' });
      await sendBatch(t, [group('ann', 'acme', { name: 'Acme' }), group('bob', 'acme'), group('cy', 'globex', { name: 'Globex' })], ws.writeKey);
      await sendBatch(t, [track('ann', 'Demo Requested', new Date().toISOString(), {}, 'sch-ann-demo'), track('bob', 'Feature Used', new Date().toISOString(), {}, 'sch-bob-feature')], ws.writeKey);
      everyAccount = await publishIn(t, ws.token, 'Weekly account review', schedule, { subject: 'account', reenroll: 'always' });
      // A composite: every Monday 9:00, the people whose score is 50 or more then.
      highScorers = await publishIn(t, ws.token, 'Weekly hot leads', { kind: 'all', triggers: [schedule, { kind: 'scoreThreshold', model, threshold: 50, direction: 'up' }] }, { subject: 'person', reenroll: 'always' });
    });

    it('enrolls the matching subjects once per occurrence of "0 9 * * 1" in Europe/Berlin', async () => {
      const acme = await accountIdOf(t, ws.workspaceId, 'acme');
      const globex = await accountIdOf(t, ws.workspaceId, 'globex');
      const ann = await personIdOf(t, ws.workspaceId, 'ann');
      const first = nextMondayNine(Date.now(), zone);
      const second = nextMondayNine(first, zone);

      await tick(first - MINUTE_MS);
      expect(await enrolledIds(t, ws.workspaceId, everyAccount)).toEqual([]);
      // Two ticks around the first occurrence and one long after it: it counts once.
      await tick(first + 30_000);
      await tick(first + 2 * HOUR_MS);
      expect(await enrolledIds(t, ws.workspaceId, everyAccount)).toEqual([acme, globex].sort());
      expect(await enrolledIds(t, ws.workspaceId, highScorers)).toEqual([ann]);
      expect(await enrolledIds(t, ws.workspaceId, recentDemos)).toEqual([ann]);
      // The second occurrence, with ticks one second either side of it.
      await tick(second - 1000);
      expect(await enrollmentsOf(t, ws.workspaceId, everyAccount)).toHaveLength(2);
      await tick(second + 1000);

      const enrollments = await enrollmentsOf(t, ws.workspaceId, everyAccount);
      expect(enrollments.map((e) => [e.subjectId, e.eventTimestamp.getTime()])).toEqual([
        ...[acme, globex].sort().map((id) => [id, first]),
        ...[acme, globex].sort().map((id) => [id, second]),
      ]);
      for (const e of enrollments) {
        expect(localWeekdayTime(e.eventTimestamp.getTime(), zone)).toBe('Monday 09:00');
        expect(e.enrollmentKey).toBe(`${everyAccount}:account:${e.subjectId}:tick:${e.eventTimestamp.toISOString()}`);
      }
      expect((await enrollmentsOf(t, ws.workspaceId, highScorers)).map((e) => [e.subjectId, e.eventTimestamp.getTime()])).toEqual([
        [ann, first],
        [ann, second],
      ]);
      const outbox = await outboxOf(t, ws.workspaceId, everyAccount);
      expect(outbox).toHaveLength(4);
      expect(outbox.find((row) => row.payload.subject.id === acme)!.payload.context).toEqual({ account: { id: acme, groupId: 'acme', traits: { name: 'Acme' } } });
    });
  });

  describe('relative dates', () => {
    let ws: TestWorkspace;
    let playbookId: string;
    const now0 = Date.now();
    const closedAt = { soon: now0 - 59.5 * DAY_MS, inside: now0 - 70 * DAY_MS, later: now0 - 30 * DAY_MS, long: now0 - 200 * DAY_MS };

    beforeAll(async () => {
      ws = await newWorkspace(t, 'Relative dates');
      await sendBatch(
        t,
        [
          group('u1', 'soon', { closed_at: new Date(closedAt.soon).toISOString() }),
          group('u2', 'inside', { closed_at: new Date(closedAt.inside).toISOString() }),
          // Segment sends epoch seconds too.
          group('u3', 'later', { closed_at: Math.floor(closedAt.later / 1000) }),
          group('u4', 'long-ago', { closed_at: new Date(closedAt.long).toISOString() }),
          group('u5', 'open', { stage: 'negotiation' }),
        ],
        ws.writeKey,
      );
      playbookId = await publishIn(t, ws.token, 'Win-loss interview', { kind: 'relativeDate', trait: 'closed_at', fromDays: 60, toDays: 90 }, { subject: 'account', reenroll: 'always' });
    });

    it('enrolls an account when it enters the window 60–90 days after closed_at, once', async () => {
      const soon = await accountIdOf(t, ws.workspaceId, 'soon');
      const later = await accountIdOf(t, ws.workspaceId, 'later');
      const enters = (closed: number) => closed + 60 * DAY_MS;

      await tick(enters(closedAt.soon) - MINUTE_MS);
      expect(await enrolledIds(t, ws.workspaceId, playbookId)).toEqual([]);
      await tick(now0 + DAY_MS);
      expect(await enrolledIds(t, ws.workspaceId, playbookId)).toEqual([soon]);
      await tick(now0 + 2 * DAY_MS);
      await tick(enters(Math.floor(closedAt.later / 1000) * 1000) + HOUR_MS);
      await tick(now0 + 95 * DAY_MS);
      // "inside" was already in its window when the playbook was published; "long-ago" and "open" never enter one.
      const enrollments = await enrollmentsOf(t, ws.workspaceId, playbookId);
      expect(enrollments.map((e) => [e.subjectId, e.eventTimestamp.getTime()])).toEqual([
        [soon, enters(closedAt.soon)],
        [later, enters(Math.floor(closedAt.later / 1000) * 1000)],
      ]);
      expect(await outboxOf(t, ws.workspaceId, playbookId)).toHaveLength(2);
    });

    it('is also found by the background ticker, on its own', async () => {
      const ws2 = await newWorkspace(t, 'Relative dates, live');
      const soonish = Date.now() + 3000;
      await sendBatch(t, [group('v1', 'starts-now', { renews_at: new Date(soonish).toISOString() })], ws2.writeKey);
      const id = await publishIn(t, ws2.token, 'Renewal call', { kind: 'relativeDate', trait: 'renews_at', fromDays: 0, toDays: 0 }, { subject: 'account', reenroll: 'never' });
      const account = await accountIdOf(t, ws2.workspaceId, 'starts-now');
      const [enrollment] = await waitFor('the ticker to enroll the account', async () => {
        const found = await enrollmentsOf(t, ws2.workspaceId, id);
        return found.length > 0 ? found : undefined;
      });
      expect(enrollment).toMatchObject({ subjectId: account, enrollmentKey: `${id}:account:${account}`, eventTimestamp: new Date(soonish) });
      expect(enrollment!.createdAt.getTime()).toBeGreaterThanOrEqual(soonish);
    });
  });
});

describe.each(databaseKindsUnderTest())('tick windows across a restart on %s', (kind) => {
  it('neither misses nor repeats a window: the last tick is stored with the enrollments', async () => {
    const first = await startTestApp(kind, { TRIPLINE_TRIGGER_TICK_MS: '3600000' });
    let firstOpen = true;
    let second: Awaited<ReturnType<typeof createApp>> | undefined;
    try {
      const ws = await newWorkspace(first, 'Restart');
      const playbookId = await publishIn(first, ws.token, 'Re-engage', { kind: 'inactivity', days: 7 }, { subject: 'person', reenroll: 'always' });
      const now0 = Date.now();
      await sendBatch(first, [track('early', 'Feature Used', new Date(now0 - 2 * DAY_MS).toISOString(), {}, 'rs-early'), track('late', 'Feature Used', new Date(now0).toISOString(), {}, 'rs-late')], ws.writeKey);
      const early = await personIdOf(first, ws.workspaceId, 'early');
      const late = await personIdOf(first, ws.workspaceId, 'late');
      await first.app.get(ScheduledTriggersService).runTick(new Date(now0 + 5 * DAY_MS + HOUR_MS));
      expect(await enrolledIds(first, ws.workspaceId, playbookId)).toEqual([early]);
      await first.app.close();
      firstOpen = false;

      // The same database, a new process: "late" came due while it was down; "early" was enrolled before.
      second = await createApp(first.config, { logger: ['error'] });
      await second.get(ScheduledTriggersService).runTick(new Date(now0 + 8 * DAY_MS));
      const rows = await second.get(DataSource).getRepository(EnrollmentEntity).find({ where: { workspaceId: ws.workspaceId, playbookId } });
      expect(rows.map((row) => row.subjectId).sort()).toEqual([early, late].sort());
    } finally {
      await second?.close();
      if (firstOpen) await first.app.close();
      await first.database.drop();
    }
  });
});

describe('TRIPLINE_TRIGGER_TICK_MS', () => {
  const required = { TRIPLINE_SECRET_KEY: randomBytes(32).toString('base64'), TRIPLINE_INTERNAL_TOKEN: 'x'.repeat(32) };
  it('defaults to a minute and refuses less than 100 ms, naming the variable', () => {
    expect(loadConfig(required).triggerTickMs).toBe(60_000);
    expect(loadConfig({ ...required, TRIPLINE_TRIGGER_TICK_MS: '250' }).triggerTickMs).toBe(250);
    expect(() => loadConfig({ ...required, TRIPLINE_TRIGGER_TICK_MS: '50' })).toThrow(/TRIPLINE_TRIGGER_TICK_MS must be at least 100/);
  });
});
