import { generateKeyPairSync } from 'node:crypto';
import { InvalidInputError, parseConnectionConfig } from '@tripline/connector-sdk';
import { createFakeSalesforce, type FakeSalesforce } from '../fake-server';
import { salesforceConnector } from '../salesforce.connector';
import { jwtBearerConnection, testKeyPair } from '../test-support/fake-connections';
import { parsedConnection } from '../test-support/run-action';
import { ASSERTION_LIFETIME_SECONDS } from './jwt-assertion';
import { testSalesforceConnection } from './salesforce-auth';
import { clearSessionCache } from './session-cache';
import { JWT_BEARER_GRANT } from './token-client';

const decode = (segment: string) => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('OAuth 2.0 JWT bearer flow', () => {
  let server: FakeSalesforce;
  const { privateKey, publicKey } = testKeyPair();

  beforeEach(async () => {
    clearSessionCache();
    server = await createFakeSalesforce({ jwt: { publicKey, username: 'integration@acme.example' } });
  });
  afterEach(() => server.close());

  it('posts an RS256 assertion the fake verifies with the certificate key, then calls the API with the token', async () => {
    const before = Math.floor(Date.now() / 1000);
    const result = await testSalesforceConnection(parsedConnection(jwtBearerConnection(server, privateKey)));
    expect(result).toEqual({ ok: true, message: `Connected to ${server.url} (API v62.0); API usage 1 of 15000 calls in the last 24 hours` });

    const [tokenRequest] = server.requestsTo('POST', '/services/oauth2/token');
    const form = tokenRequest!.body as Record<string, string>;
    expect(form.grant_type).toBe(JWT_BEARER_GRANT);
    const [header, claims] = form.assertion!.split('.').map((part, index) => (index < 2 ? decode(part) : part)) as [Record<string, unknown>, Record<string, unknown>];
    expect(header).toEqual({ alg: 'RS256' });
    expect(claims).toMatchObject({ iss: server.oauth.clientId, sub: 'integration@acme.example', aud: server.url });
    expect(claims.exp).toBeGreaterThanOrEqual(before + ASSERTION_LIFETIME_SECONDS);
    expect(claims.exp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + ASSERTION_LIFETIME_SECONDS);
    expect(server.sessions.issued.map((session) => session.grant)).toEqual(['jwt-bearer']);
    expect(server.requestsTo('GET', '/services/data/v62.0/limits')[0]!.headers.authorization).toBe(`Bearer ${server.sessions.issued[0]!.token}`);
  });

  it('is refused when signed by another key (the fake checks the signature), without repeating the key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const result = await testSalesforceConnection(parsedConnection(jwtBearerConnection(server, other.privateKey)));
    expect(result).toEqual({ ok: false, message: 'Salesforce token request (JWT bearer flow) was refused: invalid_grant: invalid assertion' });
    expect(server.sessions.issued).toHaveLength(0);
  });

  it('is refused for a user who has not approved the app, or another consumer key', async () => {
    expect(await testSalesforceConnection(parsedConnection(jwtBearerConnection(server, privateKey, { username: 'someone@acme.example' })))).toEqual({
      ok: false,
      message: "Salesforce token request (JWT bearer flow) was refused: invalid_grant: user hasn't approved this consumer",
    });
    expect(await testSalesforceConnection(parsedConnection(jwtBearerConnection(server, privateKey, { clientId: '3MVG9another' })))).toEqual({
      ok: false,
      message: 'Salesforce token request (JWT bearer flow) was refused: invalid_client_id: client identifier invalid',
    });
  });

  it('refuses a config without the fields of its grant type, naming them and never echoing a value', () => {
    const refuse = (config: Record<string, unknown>) => {
      try {
        parseConnectionConfig(salesforceConnector, config);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
        return (error as InvalidInputError).message;
      }
      throw new Error('expected the config to be refused');
    };
    const notAKey = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ1dC1ub3QtYS1rZXk=\n-----END PRIVATE KEY-----';
    const message = refuse({ grantType: 'jwtBearer', clientId: 'abc', privateKey: notAKey });
    expect(message).toBe(
      "Invalid connection config for connector 'salesforce': username: username is required for the JWT bearer flow; privateKey: privateKey must be a PEM private key (RSA) matching the certificate uploaded to the connected app",
    );
    expect(message).not.toContain('c2VjcmV0');
    expect(refuse({ grantType: 'refreshToken', clientId: 'abc' })).toBe(
      "Invalid connection config for connector 'salesforce': refreshToken: refreshToken is required for the refresh token flow",
    );
    expect(salesforceConnector.auth.secretFields).toEqual(['clientSecret', 'refreshToken', 'privateKey']);
  });
});
