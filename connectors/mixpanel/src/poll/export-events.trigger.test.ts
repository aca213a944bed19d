import { AuthError, RateLimitedError, RetryableError, applyPoll, type PollCheckpoint, type PollResult, type TriggerItem } from '@tripline/connector-sdk';
import { MIXPANEL_DEFAULT_RETRY_AFTER_MS } from '../export/export-errors';
import { mixpanelConfigSchema } from '../connection/mixpanel-config';
import { mixpanelEvent, startFakeMixpanel, type FakeMixpanel, type FakeMixpanelOptions } from '../fake-server';
import { exportEventsTrigger } from './export-events.trigger';

const NOW = '2026-03-10T12:00:00.000Z';

describe('exportEvents', () => {
  let fake: FakeMixpanel;
  let warn: jest.SpyInstance;
  // Unparsed on purpose for the invalid cases: poll parses the connection itself.
  const connection = (extra: Record<string, unknown> = {}) =>
    ({ ...fake.serviceAccount, projectId: fake.projectId, baseUrl: fake.url, ...extra }) as unknown as ReturnType<typeof mixpanelConfigSchema.parse>;
  const poll = (options: Record<string, unknown>, checkpoint: PollCheckpoint | null, now = NOW, auth = connection()) =>
    exportEventsTrigger.poll({ auth, options: options as never, checkpoint, now });
  const ids = (result: PollResult | TriggerItem[]) => ('items' in result ? result.items : result).map((item) => item.id);
  const start = async (options: FakeMixpanelOptions = {}) => {
    fake = await startFakeMixpanel({ now: () => Date.parse(NOW), rateLimits: { perSecond: 1000 }, ...options });
  };
  const add = (insertId: string | null, at: string, distinctId = 'ada@example.com', event = 'Viewed Pricing') =>
    fake.events.push(mixpanelEvent({ event, at, distinctId, insertId }));

  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    warn.mockRestore();
    await fake?.close();
  });

  it('makes one export query per poll, from the checkpoint\'s day to now\'s day, with basic auth and ms times', async () => {
    await start();
    add('a', '2026-03-08T09:00:00.000Z');
    const result = await poll({ events: ['Viewed Pricing'], where: 'properties["plan"] == "team"' }, { time: '2026-03-08T09:00:00.000Z', idsAtTime: [] });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request!.query).toEqual({
      project_id: String(fake.projectId),
      from_date: '2026-03-08',
      to_date: '2026-03-10',
      time_in_ms: 'true',
      event: '["Viewed Pricing"]',
      where: 'properties["plan"] == "team"',
    });
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`${fake.serviceAccount.username}:${fake.serviceAccount.secret}`).toString('base64')}`);
    expect(result).toEqual({ items: [], complete: true }); // plan is not "team"
  });

  it('starts the first poll lookbackDays before now, and delivers nothing later than now', async () => {
    await start();
    add('too-old', '2026-03-07T11:59:59.999Z');
    add('in', '2026-03-07T12:00:00.000Z');
    add('later', '2026-03-10T12:00:00.001Z');
    const result = await poll({ lookbackDays: 3 }, null);
    expect(fake.requests[0]!.query.from_date).toBe('2026-03-07');
    expect(ids(result)).toEqual(['in']);
  });

  it('drops what the checkpoint covers, keeps events sharing its time, and drops the vendor\'s repeats', async () => {
    await start();
    const t = '2026-03-09T10:00:00.500Z';
    add('a', t);
    add('b', t, 'grace@example.com');
    add('c', t, 'linus@example.com');
    add('b', t, 'grace@example.com'); // Mixpanel returned it twice
    add('d', '2026-03-09T10:00:00.499Z');
    const result = await poll({}, { time: t, idsAtTime: ['a'] });
    expect(ids(result)).toEqual(['b', 'c']);
    expect(result.complete).toBe(true);
  });

  it('keeps whole days up to maxEventsPerPoll and says complete: false; the next poll carries on', async () => {
    await start();
    add('d7-1', '2026-03-07T08:00:00.000Z');
    add('d7-2', '2026-03-07T09:00:00.000Z');
    add('d7-3', '2026-03-07T23:59:59.999Z'); // a whole day is kept even past the limit
    add('d9-1', '2026-03-09T01:00:00.000Z');
    add('d8-1', '2026-03-08T01:00:00.000Z'); // out of order, as Mixpanel may answer
    const first = await poll({ maxEventsPerPoll: 2 }, { time: '2026-03-07T00:00:00.000Z', idsAtTime: [] });
    expect(ids(first)).toEqual(['d7-1', 'd7-2', 'd7-3']);
    expect(first.complete).toBe(false);
    let applied = applyPoll({ time: '2026-03-07T00:00:00.000Z', idsAtTime: [] }, first);
    const second = await poll({ maxEventsPerPoll: 2 }, applied.checkpoint);
    expect(fake.requests[1]!.query.from_date).toBe('2026-03-07');
    expect(ids(second)).toEqual(['d8-1', 'd9-1']);
    expect(second.complete).toBe(true);
    applied = applyPoll(applied.checkpoint, second);
    expect(ids(applied.items)).toEqual(['d8-1', 'd9-1']);
  });

  it('never stalls on days without events: a poll reads through to now', async () => {
    await start();
    add('early', '2026-02-01T10:00:00.000Z');
    add('late', '2026-03-10T11:00:00.000Z');
    const checkpoint = { time: '2026-02-01T10:00:00.000Z', idsAtTime: ['early'] };
    const result = await poll({ maxEventsPerPoll: 1 }, checkpoint);
    expect(ids(result)).toEqual(['late']);
    expect(result.complete).toBe(true);
  });

  it('is pure in the checkpoint: the same checkpoint and data give the same items', async () => {
    await start();
    add('a', '2026-03-09T10:00:00.000Z');
    add('b', '2026-03-09T10:00:00.000Z', 'grace@example.com');
    add(null, '2026-03-10T10:00:00.000Z', 'linus@example.com');
    const checkpoint = { time: '2026-03-09T10:00:00.000Z', idsAtTime: [] };
    const first = await poll({}, checkpoint);
    fake.events.reverse(); // Mixpanel promises no order
    expect(await poll({}, checkpoint)).toEqual(first);
    expect(first.items).toHaveLength(3);
  });

  it('backfills three days with shared timestamps, delivering each event exactly once', async () => {
    await start();
    const from = '2026-03-01T00:00:00.000Z';
    const to = '2026-03-03T23:59:59.999Z';
    add('before', '2026-02-28T23:59:59.999Z');
    const expected: string[] = [];
    for (const day of ['01', '02', '03']) {
      for (const [n, time] of [['1', '00:00:00.000'], ['2', '12:00:00.000'], ['3', '12:00:00.000'], ['4', '23:59:59.999']] as const) {
        const id = `d${day}-${n}`;
        add(id, `2026-03-${day}T${time}Z`, `user-${n}@example.com`);
        expected.push(id);
      }
    }
    add('d02-2', '2026-03-02T12:00:00.000Z', 'user-2@example.com'); // a vendor repeat
    add('after', '2026-03-04T00:00:00.000Z');
    // As the runtime runs a backfill: checkpoint at `from`, now = `to`, poll until complete.
    let checkpoint: PollCheckpoint | null = { time: from, idsAtTime: [] };
    const delivered: string[] = [];
    for (let polls = 0; polls < 10; polls += 1) {
      const result = await poll({ backfill: { from, to }, maxEventsPerPoll: 3 }, checkpoint, to);
      const applied = applyPoll(checkpoint, result);
      delivered.push(...ids(applied.items));
      checkpoint = applied.checkpoint;
      if (result.complete) break;
    }
    expect(delivered).toEqual(expected);
    expect(fake.requests.length).toBeGreaterThanOrEqual(3); // 4 a day against a limit of 3: one poll a day
    expect(fake.requests.every((request) => request.query.to_date === '2026-03-03')).toBe(true);
    // The backfill is over: polling again from its checkpoint delivers nothing.
    expect(applyPoll(checkpoint, await poll({ backfill: { from, to } }, checkpoint, to)).items).toEqual([]);
  });

  it('reads a legacy project in its timezone: its days and its wall-clock times', async () => {
    await start({ timezone: 'America/Los_Angeles' });
    fake.events.push(mixpanelEvent({ event: 'E', at: '2026-03-10T03:00:00.000Z', distinctId: 'u', insertId: 'l' }));
    const result = await poll({}, { time: '2026-03-10T00:00:00.000Z', idsAtTime: [] }, NOW, connection({ projectTimezone: 'America/Los_Angeles' }));
    expect(fake.requests[0]!.query).toMatchObject({ from_date: '2026-03-09', to_date: '2026-03-10' });
    expect(result.items.map((item) => item.at)).toEqual(['2026-03-10T03:00:00.000Z']);
  });

  it('skips and reports a malformed line; fails retryably on a cut-off export', async () => {
    await start();
    add('a', '2026-03-10T10:00:00.000Z');
    add('b', '2026-03-10T10:00:01.000Z');
    fake.tamper = (body) => body.replace('\n', '\n{"event": oops\n');
    const result = await poll({}, { time: '2026-03-10T00:00:00.000Z', idsAtTime: [] });
    expect(ids(result)).toEqual(['a', 'b']);
    expect(warn).toHaveBeenCalledWith('mixpanel exportEvents 2026-03-10..2026-03-10: skipped 1 malformed line(s) (2)');
    fake.tamper = (body) => body.slice(0, body.length - 20);
    await expect(poll({}, { time: '2026-03-10T00:00:00.000Z', idsAtTime: [] })).rejects.toBeInstanceOf(RetryableError);
  });

  it('turns Mixpanel\'s 429 into a RateLimitedError (a minute without Retry-After), never repeating the secret', async () => {
    await start({ rateLimits: { perHour: 1, perSecond: 1000 } });
    await poll({}, null);
    const error = await poll({}, null).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(MIXPANEL_DEFAULT_RETRY_AFTER_MS);
    expect((error as Error).message).not.toContain(fake.serviceAccount.secret);
    fake.failNext({ status: 429, headers: { 'Retry-After': '120' }, body: '' });
    expect(await poll({}, null).catch((caught: RateLimitedError) => caught.retryAfterMs)).toBe(120_000);
  });

  it('treats "to_date cannot be later than today" as retryable and names the timezone setting', async () => {
    await start();
    // Kiritimati (UTC+14) is already on 11 March while the (UTC) project is on 10 March.
    const error = await poll({}, null, NOW, connection({ projectTimezone: 'Pacific/Kiritimati' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).message).toContain('to_date cannot be later than today');
    expect((error as Error).message).toContain('project timezone');
  });

  it('refuses a wrong secret with an AuthError that does not repeat it', async () => {
    await start();
    const error = await poll({}, null, NOW, connection({ secret: 'wrong-secret-123' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/^GET \/api\/2\.0\/export \(2026-03-09\.\.2026-03-10\) answered 401/);
    expect((error as Error).message).not.toContain('wrong-secret-123');
  });

  it('names bad options and connection fields without echoing values', async () => {
    await start();
    await expect(poll({ maxEventsPerPoll: 0 }, null)).rejects.toThrow(/^Invalid options of trigger exportEvents: maxEventsPerPoll: /);
    await expect(poll({ backfill: { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' } }, null)).rejects.toThrow(
      'Invalid options of trigger exportEvents: backfill.to: The backfill must start before it ends',
    );
    const bad = poll({}, null, NOW, connection({ projectTimezone: 'Mars/Olympus', secret: '' }));
    await expect(bad).rejects.toThrow(/^Invalid Mixpanel connection: secret: .*; projectTimezone: The project timezone must be an IANA name/);
    await expect(poll({}, { time: 'yesterday', idsAtTime: [] })).rejects.toThrow("Invalid checkpoint.time: 'yesterday' is not an ISO 8601 date-time");
    expect(fake.requests).toHaveLength(0);
  });
});
