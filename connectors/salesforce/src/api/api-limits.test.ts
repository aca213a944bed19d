import { AuthError, InvalidInputError, NonRetryableError, RateLimitedError, RetryableError } from '@tripline/connector-sdk';
import { createTaskAction } from '../actions/create-task.action';
import { getApiUsageAction } from '../actions/get-api-usage.action';
import { testSalesforceConnection } from '../auth/salesforce-auth';
import { clearSessionCache } from '../auth/session-cache';
import { createFakeSalesforce, type FakeSalesforce } from '../fake-server';
import { refreshTokenConnection } from '../test-support/fake-connections';
import { parsedConnection, runAction } from '../test-support/run-action';
import { overBudget, parseLimitInfo, USAGE_READING_TTL_MS } from './api-usage';
import { CONCURRENT_LIMIT_RETRY_AFTER_MS, DAILY_LIMIT_RETRY_AFTER_MS, salesforceError } from './salesforce-errors';

describe('Sforce-Limit-Info', () => {
  it('reads api-usage (other entries may follow) and nothing else', () => {
    const now = new Date('2025-03-03T10:00:00Z');
    expect(parseLimitInfo('api-usage=18/15000', now)).toEqual({ used: 18, max: 15000, seenAt: '2025-03-03T10:00:00.000Z' });
    expect(parseLimitInfo('api-usage=25/5000, per-app-api-usage=17/250(appName=sample-app)', now)).toMatchObject({ used: 25, max: 5000 });
    expect(parseLimitInfo('per-app-api-usage=17/250(appName=sample-app)', now)).toBeUndefined();
    expect(parseLimitInfo(null, now)).toBeUndefined();
  });

  it('counts a reading as over budget only while it is fresh', () => {
    const seenAt = '2025-03-03T10:00:00.000Z';
    const at = Date.parse(seenAt);
    expect(overBudget({ used: 900, max: 1000, seenAt }, 90, at)).toBe(true);
    expect(overBudget({ used: 899, max: 1000, seenAt }, 90, at)).toBe(false);
    expect(overBudget({ used: 1000, max: 1000, seenAt }, 90, at + USAGE_READING_TTL_MS + 1)).toBe(false);
    expect(overBudget(undefined, 90, at)).toBe(false);
  });
});

describe('Salesforce errors into the taxonomy', () => {
  const answer = (status: number, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers) });
  const error = (status: number, errorCode: string, message = 'x', headers: Record<string, string> = {}) =>
    salesforceError(answer(status, headers), 'Salesforce GET /x', [{ errorCode, message }]);

  it('maps each documented answer', () => {
    expect(error(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.')).toMatchObject({ kind: 'rateLimited', retryAfterMs: DAILY_LIMIT_RETRY_AFTER_MS });
    expect(error(403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.')).toMatchObject({ retryAfterMs: CONCURRENT_LIMIT_RETRY_AFTER_MS });
    expect(error(403, 'REQUEST_LIMIT_EXCEEDED', 'x', { 'Retry-After': '42' })).toMatchObject({ retryAfterMs: 42_000 });
    expect(error(401, 'INVALID_SESSION_ID')).toBeInstanceOf(AuthError);
    expect(error(403, 'INSUFFICIENT_ACCESS')).toBeInstanceOf(AuthError);
    expect(error(400, 'UNABLE_TO_LOCK_ROW')).toBeInstanceOf(RetryableError);
    expect(error(500, 'UNKNOWN_EXCEPTION')).toBeInstanceOf(RetryableError);
    expect(error(503, 'SERVER_UNAVAILABLE')).toBeInstanceOf(RetryableError);
    expect(error(400, 'MALFORMED_QUERY')).toBeInstanceOf(InvalidInputError);
    expect(error(404, 'NOT_FOUND')).toBeInstanceOf(NonRetryableError);
    expect(error(400, 'REQUEST_LIMIT_EXCEEDED').message).toBe('Salesforce GET /x answered 400: REQUEST_LIMIT_EXCEEDED: x');
  });
});

describe('API usage against the fake org', () => {
  let server: FakeSalesforce;
  beforeEach(async () => {
    clearSessionCache();
    server = await createFakeSalesforce({ dailyApiLimit: 1000 });
  });
  afterEach(() => server.close());

  it('shows the org budget in action outputs, getApiUsage and the auth test', async () => {
    server.org.apiUsage.used = 240;
    const usage = await runAction(getApiUsageAction, refreshTokenConnection(server), {});
    expect(usage).toMatchObject({ dailyApiRequests: { max: 1000, remaining: 759, used: 241 }, percentUsed: 24.1, apiUsage: { used: 241, max: 1000 } });
    const task = await runAction(createTaskAction, refreshTokenConnection(server), { subject: 'Call' });
    expect(task).toMatchObject({ apiUsage: { used: 242, max: 1000 } });
    expect(await testSalesforceConnection(parsedConnection(refreshTokenConnection(server)))).toEqual({
      ok: true,
      message: `Connected to ${server.url} (API v62.0); API usage 243 of 1000 calls in the last 24 hours`,
    });
  });

  it('turns the org answering 403 REQUEST_LIMIT_EXCEEDED into RateLimitedError with the documented delay', async () => {
    server.org.apiUsage.used = 1000;
    const error = await runAction(createTaskAction, refreshTokenConnection(server), { subject: 'Call' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: DAILY_LIMIT_RETRY_AFTER_MS });
    expect((error as Error).message).toMatch(/answered 403: REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded\.$/);
    expect(server.org.list('Task')).toHaveLength(0);
  });

  it("holds calls back past the connection's budget, leaving the rest of the allocation to the org", async () => {
    server.org.apiUsage.used = 949;
    const connection = refreshTokenConnection(server, { apiBudgetPercent: 95 });
    await runAction(getApiUsageAction, connection, {}); // the answer says 950 of 1000: the budget is spent
    const calls = server.requests.length;
    const error = await runAction(createTaskAction, connection, { subject: 'Call' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as Error).message).toBe(
      "Salesforce PATCH /services/data/v62.0/sobjects/Task/Tripline_Key__c/tripline%3Aws-1%3Aenrollment-1%3Acreate-task%3A1 not sent: the org has used 950 of its 1000 daily API calls, past this connection's budget of 95%",
    );
    expect(server.requests.length).toBe(calls);
    // A connection allowed the whole allocation still goes ahead.
    await expect(runAction(createTaskAction, refreshTokenConnection(server, { apiBudgetPercent: 100 }), { subject: 'Call' })).resolves.toMatchObject({ created: true });
  });
});
