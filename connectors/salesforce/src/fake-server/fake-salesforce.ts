import { createFakeVendorServer, type FakeVendorServer } from '@tripline/connector-testkit';
import { FakeSessions, tokenEndpoint, type FakeOAuthSettings } from './fake-oauth';
import { FakeOrg, type FakeOrgOptions } from './fake-org';
import { restRoutes } from './fake-rest';

export interface FakeSalesforceOptions extends FakeOrgOptions, Partial<FakeOAuthSettings> {
  /** Largest query page the fake returns (Salesforce: up to 2,000). */
  maxBatchSize?: number;
}

export interface FakeSalesforce extends FakeVendorServer {
  /** The org's records and API usage, to seed and inspect. */
  org: FakeOrg;
  /** The OAuth settings the token endpoint accepts. */
  oauth: FakeOAuthSettings;
  /** Tokens issued so far (which grant), and the live ones. */
  sessions: FakeSessions;
  /** Ends every session: the next REST call gets 401 INVALID_SESSION_ID. */
  expireSessions(): void;
}

export const FAKE_CLIENT_ID = '3MVG9fakeConsumerKeyForTripline';
export const FAKE_CLIENT_SECRET = 'fake-consumer-secret';
export const FAKE_REFRESH_TOKEN = '5Aep861fakeRefreshToken';

/**
 * A fake Salesforce on 127.0.0.1: the login server (token endpoint) and the org's instance in one
 * (the token answer's instance_url is the fake's URL). It follows the REST API's documented shapes
 * for what the connector uses; see fake-oauth.ts and fake-rest.ts.
 */
export async function createFakeSalesforce(options: FakeSalesforceOptions = {}): Promise<FakeSalesforce> {
  const org = new FakeOrg(options);
  const sessions = new FakeSessions();
  const oauth: FakeOAuthSettings = {
    clientId: options.clientId ?? FAKE_CLIENT_ID,
    clientSecret: 'clientSecret' in options ? options.clientSecret : FAKE_CLIENT_SECRET,
    refreshToken: options.refreshToken ?? FAKE_REFRESH_TOKEN,
    jwt: options.jwt,
  };
  let url = '';
  const server = await createFakeVendorServer({
    name: 'salesforce',
    routes: [
      { method: 'POST', path: '/services/oauth2/token', handler: tokenEndpoint(org, sessions, oauth, () => url) },
      // The versions resource needs no session and does not count against the allocation.
      { method: 'GET', path: '/services/data', handler: () => ({ status: 200, body: [{ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' }] }) },
      ...restRoutes(org, sessions, { maxBatchSize: options.maxBatchSize ?? 2000 }),
    ],
  });
  url = server.url;
  return Object.assign(server, { org, oauth, sessions, expireSessions: () => sessions.expireAll() });
}
