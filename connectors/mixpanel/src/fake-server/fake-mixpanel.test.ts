import { FAKE_SERVICE_ACCOUNT, RATE_LIMIT_MESSAGE, TO_DATE_LATER_THAN_TODAY, mixpanelEvent, startFakeMixpanel, type FakeMixpanel } from '.';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
const GOOD = basic(`${FAKE_SERVICE_ACCOUNT.username}:${FAKE_SERVICE_ACCOUNT.secret}`);

describe('the fake Mixpanel export API', () => {
  let fake: FakeMixpanel;
  let clock = NOW;
  const fetchExport = (query: string, authorization = GOOD) => fetch(`${fake.url}/api/2.0/export?${query}`, { headers: { authorization } });
  // A second apart, so only the rate-limit test meets the 3-a-second limit.
  const get = (query: string, authorization = GOOD) => {
    clock += 1000;
    return fetchExport(query, authorization);
  };
  const project = () => `project_id=${fake.projectId}`;

  beforeEach(async () => {
    clock = NOW;
    fake = await startFakeMixpanel({ now: () => clock });
    fake.events.push(
      mixpanelEvent({ event: 'Signed Up', at: '2026-03-09T10:00:00.750Z', distinctId: 'u1', insertId: 'a', properties: { plan: 'team' } }),
      mixpanelEvent({ event: 'Viewed Pricing', at: '2026-03-10T08:00:00.000Z', distinctId: 'u2', insertId: 'b', properties: { plan: 'free' } }),
    );
  });
  afterEach(() => fake.close());

  it('answers JSONL for the inclusive day range, time in seconds unless time_in_ms', async () => {
    const seconds = await get(`${project()}&from_date=2026-03-09&to_date=2026-03-10`);
    expect(seconds.status).toBe(200);
    const lines = (await seconds.text()).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'Signed Up', properties: { time: 1_773_050_400, distinct_id: 'u1', $insert_id: 'a' } });
    const ms = await (await get(`${project()}&from_date=2026-03-09&to_date=2026-03-09&time_in_ms=true`)).text();
    expect(JSON.parse(ms.trim()).properties.time).toBe(Date.parse('2026-03-09T10:00:00.750Z'));
  });

  it('filters by event names, a where expression and a limit', async () => {
    const range = `${project()}&from_date=2026-03-01&to_date=2026-03-10`;
    const names = async (query: string) => (await (await get(`${range}&${query}`)).text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).event);
    expect(await names(`event=${encodeURIComponent('["Viewed Pricing"]')}`)).toEqual(['Viewed Pricing']);
    expect(await names(`where=${encodeURIComponent('properties["plan"] == "team"')}`)).toEqual(['Signed Up']);
    expect(await names('limit=1')).toEqual(['Signed Up']);
    const unsupported = await get(`${range}&where=${encodeURIComponent('defined(properties["plan"])')}`);
    expect(unsupported.status).toBe(400);
  });

  it('refuses bad credentials with 401 and accepts plain-text credentials as Mixpanel does', async () => {
    const refused = await get(`${project()}&from_date=2026-03-10&to_date=2026-03-10`, basic(`${FAKE_SERVICE_ACCOUNT.username}:wrong`));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ request: expect.stringContaining('/api/2.0/export?'), error: expect.any(String) });
    const plain = await get(`${project()}&from_date=2026-03-10&to_date=2026-03-10`, `Basic ${FAKE_SERVICE_ACCOUNT.username}:${FAKE_SERVICE_ACCOUNT.secret}`);
    expect(plain.status).toBe(200);
  });

  it('requires project_id with a service account and refuses other projects', async () => {
    expect((await get('from_date=2026-03-10&to_date=2026-03-10')).status).toBe(400);
    expect((await get('project_id=1&from_date=2026-03-10&to_date=2026-03-10')).status).toBe(403);
  });

  it('answers 400 for missing, malformed, reversed and future dates', async () => {
    const status = async (query: string) => {
      const response = await get(`${project()}&${query}`);
      return [response.status, ((await response.json()) as { error: string }).error];
    };
    expect(await status('from_date=2026-03-10')).toEqual([400, 'from_date and to_date are required']);
    expect(await status('from_date=2026-3-1&to_date=2026-03-10')).toEqual([400, "from_date must be a date in yyyy-mm-dd format, got '2026-3-1'"]);
    expect(await status('from_date=2026-03-10&to_date=2026-03-09')).toEqual([400, 'from_date cannot be later than to_date']);
    expect(await status('from_date=2026-03-10&to_date=2026-03-11')).toEqual([400, TO_DATE_LATER_THAN_TODAY]);
  });

  it('holds the project to 3 queries a second and 60 an hour, answering 429 without Retry-After', async () => {
    const query = `${project()}&from_date=2026-03-10&to_date=2026-03-10`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await fetchExport(query)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    let limited: Response | undefined;
    for (let i = 0; i < 60; i += 1) {
      const response = await get(query); // a new second each time: only the hourly budget is spent
      if (response.status === 429) {
        limited = response;
        break;
      }
      await response.text();
    }
    // 3 in the first second + 57 more = 60 queries this hour; the 61st is refused.
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get('retry-after')).toBeNull();
    expect(((await limited!.json()) as { error: string }).error).toBe(RATE_LIMIT_MESSAGE);
    clock += 3_600_000;
    expect((await fetchExport(query)).status).toBe(200);
  });

  it('exports a legacy project\'s times as local wall-clock time and its days in its timezone', async () => {
    const legacy = await startFakeMixpanel({ now: () => NOW, timezone: 'America/Los_Angeles' });
    try {
      // 2026-03-10T03:00Z is 20:00 on 9 March in Los Angeles (PDT since 8 March).
      legacy.events.push(mixpanelEvent({ event: 'E', at: '2026-03-10T03:00:00.000Z', distinctId: 'u', insertId: 'l' }));
      const response = await fetch(`${legacy.url}/api/2.0/export?project_id=${legacy.projectId}&from_date=2026-03-09&to_date=2026-03-09&time_in_ms=true`, { headers: { authorization: GOOD } });
      const event = JSON.parse((await response.text()).trim());
      expect(event.properties.time).toBe(Date.parse('2026-03-09T20:00:00.000Z'));
    } finally {
      await legacy.close();
    }
  });
});
