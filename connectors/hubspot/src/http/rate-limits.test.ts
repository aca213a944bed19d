import { RateLimitedError, parseConnectionConfig } from '@tripline/connector-sdk';
import { readRecord, searchRecords } from '../crm/crm-objects';
import { startFakeHubSpot, type FakeHubSpot } from '../fake-server/fake-hubspot';
import { hubspotConnector } from '../hubspot.connector';
import { nextMidnight } from '../time/next-midnight';
import { clearDailyBudgets, dailyBudgetOf } from './daily-budget';

let server: FakeHubSpot;
afterEach(async () => {
  await server?.close();
  clearDailyBudgets();
});

const config = (extra: Record<string, unknown> = {}) => parseConnectionConfig(hubspotConnector, { accessToken: server.accessToken, baseUrl: server.url, ...extra });
const errorOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe('HubSpot rate limits', () => {
  it('tracks X-HubSpot-RateLimit-Daily-Remaining and stops calling at 0 until midnight in the account time zone', async () => {
    server = await startFakeHubSpot({ dailyLimit: 3 });
    const contact = server.store.create('contacts', { email: 'ada@acme.test' });
    const auth = config({ accountTimeZone: 'America/New_York' });
    for (let call = 0; call < 3; call += 1) await readRecord(auth, 'contacts', contact.id, { properties: ['email'] });
    expect(dailyBudgetOf(auth)).toMatchObject({ limit: 3, remaining: 0 });

    const before = server.requests.length;
    const startedAt = Date.now();
    const error = await errorOf(readRecord(auth, 'contacts', contact.id, { properties: ['email'] }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as Error).message).toMatch(/daily API limit for this account is used up; calls resume at /);
    const expected = nextMidnight('America/New_York', startedAt) - startedAt;
    expect(Math.abs((error as RateLimitedError).retryAfterMs - expected)).toBeLessThan(2000);
    expect(server.requests.length).toBe(before);
  });

  it("maps HubSpot's DAILY 429 to a wait until the account's midnight", async () => {
    server = await startFakeHubSpot();
    const contact = server.store.create('contacts', { email: 'ada@acme.test' });
    const auth = config({ accountTimeZone: 'Asia/Tokyo' });
    server.failNext({ status: 429, body: { status: 'error', message: 'You have reached your daily limit.', errorType: 'RATE_LIMIT', policyName: 'DAILY', correlationId: 'x' } });
    const startedAt = Date.now();
    const error = (await errorOf(readRecord(auth, 'contacts', contact.id, { properties: ['email'] }))) as RateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(Math.abs(error.retryAfterMs - (nextMidnight('Asia/Tokyo', startedAt) - startedAt))).toBeLessThan(2000);
    // Known for the rest of the day: the next call is not even sent.
    const sent = server.requests.length;
    await expect(readRecord(auth, 'contacts', contact.id, { properties: ['email'] })).rejects.toBeInstanceOf(RateLimitedError);
    expect(server.requests.length).toBe(sent);
  });

  it("turns the fake's TEN_SECONDLY_ROLLING 429 into a wait of the window it names", async () => {
    server = await startFakeHubSpot({ tenSecondlyLimit: 2 });
    const contact = server.store.create('contacts', { email: 'ada@acme.test' });
    await readRecord(config(), 'contacts', contact.id, { properties: ['email'] });
    await readRecord(config(), 'contacts', contact.id, { properties: ['email'] });
    const error = (await errorOf(readRecord(config(), 'contacts', contact.id, { properties: ['email'] }))) as RateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBe(10_000);
    expect(error.message).toMatch(/answered 429: TEN_SECONDLY_ROLLING: You have reached your ten_secondly_rolling limit\./);
    // Retry-After, when HubSpot sends one, wins.
    server.failNext({ status: 429, headers: { 'Retry-After': '3' }, body: { status: 'error', policyName: 'TEN_SECONDLY_ROLLING', message: 'x' } });
    await expect(errorOf(readRecord(config(), 'contacts', contact.id, { properties: ['email'] }))).resolves.toMatchObject({ retryAfterMs: 3000 });
  });

  it("turns the search API's per-second 429 into a one-second wait", async () => {
    server = await startFakeHubSpot({ searchPerSecond: 1 });
    const request = { filterGroups: [], limit: 1 };
    await searchRecords(config(), 'deals', request);
    const error = (await errorOf(searchRecords(config(), 'deals', request))) as RateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBe(1000);
    expect(error.message).toMatch(/SECONDLY: You have reached your secondly limit\./);
  });
});
