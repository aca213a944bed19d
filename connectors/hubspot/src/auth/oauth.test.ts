import { AuthError, parseConnectionConfig } from '@tripline/connector-sdk';
import { readRecord } from '../crm/crm-objects';
import { startFakeHubSpot, type FakeHubSpot } from '../fake-server/fake-hubspot';
import { hubspotConnector } from '../hubspot.connector';
import { clearAccessTokens } from './access-token';
import { testHubSpotConnection } from './hubspot-auth';

let server: FakeHubSpot;
beforeEach(async () => {
  clearAccessTokens();
  server = await startFakeHubSpot();
});
afterEach(() => server.close());

const oauthConfig = (overrides: Record<string, unknown> = {}) =>
  parseConnectionConfig(hubspotConnector, { authType: 'oauth2', ...server.oauth, baseUrl: server.url, ...overrides });

describe('OAuth2 connections', () => {
  it('refresh an access token once, use it as the Bearer token and reuse it while it lasts', async () => {
    const contact = server.store.create('contacts', { email: 'ada@acme.test' });
    await readRecord(oauthConfig(), 'contacts', contact.id, { properties: ['email'] });
    await readRecord(oauthConfig(), 'contacts', contact.id, { properties: ['email'] });
    const refreshes = server.requestsTo('POST', '/oauth/v1/token');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.body).toEqual({ grant_type: 'refresh_token', client_id: 'fake-client-id', client_secret: server.oauth.clientSecret, refresh_token: server.oauth.refreshToken });
    const calls = server.requestsTo('GET', `/crm/v3/objects/contacts/${contact.id}`);
    expect(calls.map((call) => call.headers.authorization)).toEqual([`Bearer ${server.issuedAccessTokens[0]}`, `Bearer ${server.issuedAccessTokens[0]}`]);
  });

  it('refresh again when HubSpot says the token expired, and retry the call once', async () => {
    const contact = server.store.create('contacts', { email: 'ada@acme.test' });
    await readRecord(oauthConfig(), 'contacts', contact.id, { properties: ['email'] });
    server.expireAccessTokens();
    const record = await readRecord(oauthConfig(), 'contacts', contact.id, { properties: ['email'] });
    expect(record.properties.email).toBe('ada@acme.test');
    expect(server.issuedAccessTokens).toHaveLength(2);
    expect(server.requestsTo('GET', `/crm/v3/objects/contacts/${contact.id}`).map((call) => call.headers.authorization)).toEqual([
      `Bearer ${server.issuedAccessTokens[0]}`,
      `Bearer ${server.issuedAccessTokens[0]}`,
      `Bearer ${server.issuedAccessTokens[1]}`,
    ]);
  });

  it('fail with AuthError (never the secrets) when HubSpot refuses the refresh token', async () => {
    const config = oauthConfig({ refreshToken: 'refresh-revoked-0000' });
    const error = await readRecord(config, 'contacts', '1', { properties: ['email'] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toBe('HubSpot refused the OAuth refresh (BAD_REFRESH_TOKEN: missing or unknown refresh token); reconnect the HubSpot account');
    const result = await testHubSpotConnection(config);
    expect(result.ok).toBe(false);
    expect(result.message).not.toContain('refresh-revoked-0000');
    expect(result.message).not.toContain(server.oauth.clientSecret);
  });

  it('pass the auth test with good app credentials', async () => {
    await expect(testHubSpotConnection(oauthConfig())).resolves.toEqual({ ok: true });
  });

  it('need the client id, client secret and refresh token', () => {
    expect(() => parseConnectionConfig(hubspotConnector, { authType: 'oauth2', clientId: 'x' })).toThrow(
      /clientSecret: The OAuth app client secret is required; refreshToken: A refresh token for the HubSpot account is required/,
    );
    expect(() => parseConnectionConfig(hubspotConnector, { accessToken: 'pat', accountTimeZone: 'Mars/Olympus' })).toThrow(/accountTimeZone: Not an IANA time zone/);
  });
});

describe('the auth test', () => {
  it('reports a missing idempotency property, naming the objects that lack it', async () => {
    await server.close();
    server = await startFakeHubSpot({ withIdempotencyProperty: false });
    const result = await testHubSpotConnection(parseConnectionConfig(hubspotConnector, { accessToken: server.accessToken, baseUrl: server.url }));
    expect(result).toEqual({
      ok: false,
      message:
        "The connection works, but the 'tripline_idempotency_key' property is missing on tasks, notes, contacts, companies; create it (single-line text) so retried writes are not duplicated (see the HubSpot connector README)",
    });
  });
});
