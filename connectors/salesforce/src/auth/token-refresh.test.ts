import { AuthError } from '@tripline/connector-sdk';
import { getApiUsageAction } from '../actions/get-api-usage.action';
import { createFakeSalesforce, type FakeSalesforce } from '../fake-server';
import { refreshTokenConnection } from '../test-support/fake-connections';
import { runAction } from '../test-support/run-action';
import { clearSessionCache } from './session-cache';

describe('OAuth 2.0 refresh token flow', () => {
  let server: FakeSalesforce;
  beforeEach(async () => {
    clearSessionCache();
    server = await createFakeSalesforce();
  });
  afterEach(() => server.close());

  const tokenRequests = () => server.requestsTo('POST', '/services/oauth2/token');
  const limitCalls = () => server.requestsTo('GET', '/services/data/v62.0/limits');

  it('asks for a token with the documented form fields once, then reuses it with a Bearer header', async () => {
    await runAction(getApiUsageAction, refreshTokenConnection(server), {});
    await runAction(getApiUsageAction, refreshTokenConnection(server), {});
    expect(tokenRequests()).toHaveLength(1);
    expect(tokenRequests()[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenRequests()[0]!.body).toEqual({
      grant_type: 'refresh_token',
      client_id: server.oauth.clientId,
      client_secret: server.oauth.clientSecret,
      refresh_token: server.oauth.refreshToken,
    });
    const [issued] = server.sessions.issued;
    expect(limitCalls().map((request) => request.headers.authorization)).toEqual([`Bearer ${issued!.token}`, `Bearer ${issued!.token}`]);
  });

  it('renews the token once on 401 INVALID_SESSION_ID and retries the call', async () => {
    await runAction(getApiUsageAction, refreshTokenConnection(server), {});
    server.expireSessions();
    const output = await runAction<{ dailyApiRequests: { used: number } }>(getApiUsageAction, refreshTokenConnection(server), {});
    expect(output.dailyApiRequests.used).toBeGreaterThan(0);
    expect(tokenRequests()).toHaveLength(2);
    const calls = limitCalls();
    expect(calls).toHaveLength(3);
    // The refused call used the first token; the retry the renewed one.
    expect(calls[1]!.headers.authorization).toBe(`Bearer ${server.sessions.issued[0]!.token}`);
    expect(calls[2]!.headers.authorization).toBe(`Bearer ${server.sessions.issued[1]!.token}`);
  });

  it('gives up with an AuthError after one renewal, naming the refusal and never the refresh token', async () => {
    await runAction(getApiUsageAction, refreshTokenConnection(server), {});
    server.expireSessions();
    // The refresh token was revoked too: the renewal is refused.
    const revoked = refreshTokenConnection(server);
    server.oauth.refreshToken = 'another-refresh-token';
    const error = await runAction(getApiUsageAction, revoked, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toBe('Salesforce token request (refresh token flow) was refused: invalid_grant: expired access/refresh token');
    expect((error as Error).message).not.toContain(String(revoked.refreshToken));
    expect(tokenRequests()).toHaveLength(2);
    expect(limitCalls()).toHaveLength(2);
  });

  it('does not loop when the renewed token is refused as well', async () => {
    await runAction(getApiUsageAction, refreshTokenConnection(server), {});
    server.sessions.refuseNext(2);
    const before = server.requests.length;
    const error = await runAction(getApiUsageAction, refreshTokenConnection(server), {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toBe('Salesforce GET /services/data/v62.0/limits answered 401: INVALID_SESSION_ID: Session expired or invalid');
    // One call, one renewal, one retry.
    expect(server.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /services/data/v62.0/limits',
      'POST /services/oauth2/token',
      'GET /services/data/v62.0/limits',
    ]);
  });

  it('writes nothing to the console, so no secret can be logged', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => jest.spyOn(console, method).mockImplementation(() => undefined));
    try {
      await runAction(getApiUsageAction, refreshTokenConnection(server), {});
      server.expireSessions();
      await runAction(getApiUsageAction, refreshTokenConnection(server, { refreshToken: 'wrong' }), {}).catch(() => undefined);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
