import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { defaultConnectors } from '../../workflow-workers/src/connectors';
import { ConnectionEntity } from '../src/connections/connection.entity';
import { defaultConnectorRegistry } from '../src/connectors-registry';
import { SecretBox, SecretBoxError } from '../src/crypto/secret-box';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { startAppWithConnectors } from './connector-triggers-support/app-with-connectors';
import { startRecordServer } from './connector-triggers-support/record-server';
import { testPollerConnector } from './connector-triggers-support/test-poller-connector';
import { gql, loginAsAdmin } from './support/graphql-client';
import { internalRequest } from './support/internal-api';
import type { TestApp } from './support/test-app';
import { createTestDatabase, databaseKindsUnderTest } from './support/test-databases';

jest.setTimeout(90_000);

const CATALOGUE = `{ connectorCatalogue { name version displayName rateLimitPerSecond
  auth { kind configSchema secretFields canTest }
  actions { name effect irreversible undoable outreach inputSchema outputSchema }
  triggers { name kind intervalSeconds optionsSchema } } }`;
const CREATE = `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`;
const TEST = `mutation($id: ID!) { testConnection(id: $id) { ok message testedAt } }`;
const ROTATE = `mutation { rotateConnectionSecrets { reencrypted current } }`;

describe('the connector registries', () => {
  it('the API knows exactly the connectors the worker runs', () => {
    const names = (list: { name: string; version: string }[]) => list.map((c) => `${c.name}@${c.version}`).sort();
    expect(names([...defaultConnectorRegistry().list()])).toEqual(names([...defaultConnectors().list()]));
  });
});

describe.each(databaseKindsUnderTest())('connection catalogue, tests and key rotation on %s', (kind) => {
  const VENDOR_TOKEN = 'vendor-secret-token-77';
  let vendor: Awaited<ReturnType<typeof startRecordServer>>;

  beforeAll(async () => {
    vendor = await startRecordServer(VENDOR_TOKEN);
  });
  afterAll(async () => vendor?.close());

  describe('on one running API', () => {
    let t: TestApp;
    let token: string;
    beforeAll(async () => {
      t = await startAppWithConnectors(kind, [testPollerConnector]);
      token = await loginAsAdmin(t.url);
    });
    afterAll(async () => t?.close());

    it('lists every registered connector with JSON Schemas, secret fields marked, triggers and rate limits', async () => {
      const result = await gql(t.url, CATALOGUE, {}, token);
      expect(result.errors).toBeUndefined();
      const byName = Object.fromEntries(result.data.connectorCatalogue.map((c: { name: string }) => [c.name, c]));
      expect(Object.keys(byName)).toEqual(expect.arrayContaining(['email', 'segment', 'test-poller']));

      const email = byName.email;
      expect(email.auth).toMatchObject({ kind: 'smtp', canTest: true });
      for (const secret of email.auth.secretFields) expect(email.auth.configSchema.properties[secret]).toMatchObject({ writeOnly: true, 'x-tripline-secret': true });
      expect(email.auth.configSchema.properties.host['x-tripline-secret']).toBeUndefined();
      const send = email.actions.find((a: { name: string }) => a.name === 'send');
      expect(send).toMatchObject({ effect: 'write', irreversible: true, undoable: false, outreach: 'email', inputSchema: { type: 'object' }, outputSchema: { type: 'object' } });

      expect(byName.segment).toMatchObject({ actions: [], triggers: [{ name: 'webhookDestination', kind: 'webhook', intervalSeconds: null }], rateLimitPerSecond: null });
      expect(byName.segment.auth.configSchema.properties.sharedSecret).toMatchObject({ writeOnly: true, 'x-tripline-secret': true });
      expect(byName['test-poller']).toMatchObject({ rateLimitPerSecond: 50, triggers: [{ name: 'records', kind: 'polling', intervalSeconds: 1, optionsSchema: { properties: { pageSize: { default: 2 } } } }] });
    });

    it("tests a connection with the connector's own check, never showing the secret", async () => {
      const good = (await gql(t.url, CREATE, { input: { name: 'good', connector: 'test-poller', config: { baseUrl: vendor.url, token: VENDOR_TOKEN } } }, token)).data.createConnection.id;
      const bad = (await gql(t.url, CREATE, { input: { name: 'bad', connector: 'test-poller', config: { baseUrl: vendor.url, token: 'wrong-token-123' } } }, token)).data.createConnection.id;
      const incomplete = (await gql(t.url, CREATE, { input: { name: 'incomplete', connector: 'test-poller', config: { baseUrl: 'nope', token: 'x-secret-x' } } }, token)).data.createConnection.id;

      expect((await gql(t.url, TEST, { id: good }, token)).data.testConnection).toEqual({ ok: true, message: null, testedAt: expect.any(String) });
      const refused = await gql(t.url, TEST, { id: bad }, token);
      expect(refused.data.testConnection).toMatchObject({ ok: false, message: 'The vendor refused the token (HTTP 401)' });
      const invalid = (await gql(t.url, TEST, { id: incomplete }, token)).data.testConnection;
      expect(invalid).toMatchObject({ ok: false, message: expect.stringMatching(/^Invalid connection config for connector 'test-poller': baseUrl: /) });
      expect(JSON.stringify([refused, invalid])).not.toMatch(/wrong-token-123|x-secret-x/);
      expect(vendor.requests.filter((r) => r === 'GET /me')).toHaveLength(2);
      expect((await gql(t.url, TEST, { id: '00000000-0000-4000-8000-000000000000' }, token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });

  it('keeps a connection saved under the old key working after the key is rotated, and re-encrypts it', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const database = await createTestDatabase(kind);
    const config = { baseUrl: vendor.url, token: VENDOR_TOKEN };
    try {
      // 1. Saved under the old key.
      let t = await startAppWithConnectors(kind, [testPollerConnector], { TRIPLINE_SECRET_KEY: oldKey }, database);
      const token = await loginAsAdmin(t.url);
      const id = (await gql(t.url, CREATE, { input: { name: 'rotating', connector: 'test-poller', config } }, token)).data.createConnection.id;
      const workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
      await t.close();

      // 2. New key in front, old one behind: the connection still opens; rotation re-seals it.
      t = await startAppWithConnectors(kind, [testPollerConnector], { TRIPLINE_SECRET_KEY: `${newKey},${oldKey}` }, database);
      const admin = await loginAsAdmin(t.url);
      expect(await internalRequest(t, 'GET', `/internal/workspaces/${workspaceId}/connections/${id}`)).toEqual({ status: 200, body: { id, connector: 'test-poller', config } });
      expect((await gql(t.url, TEST, { id }, admin)).data.testConnection.ok).toBe(true);
      expect((await gql(t.url, ROTATE, {}, admin)).data.rotateConnectionSecrets).toEqual({ reencrypted: 1, current: 0 });
      expect((await gql(t.url, ROTATE, {}, admin)).data.rotateConnectionSecrets).toEqual({ reencrypted: 0, current: 1 });
      const row = await t.app.get(DataSource).getRepository(ConnectionEntity).findOneByOrFail({ id });
      const only = (key: string) => new SecretBox({ secretKey: Buffer.from(key, 'base64') });
      expect(only(newKey).open(row.configEncrypted, `connection:${id}`)).toEqual(config);
      expect(() => only(oldKey).open(row.configEncrypted, `connection:${id}`)).toThrow(SecretBoxError);
      await t.close();

      // 3. The old key can go.
      t = await startAppWithConnectors(kind, [testPollerConnector], { TRIPLINE_SECRET_KEY: newKey }, database);
      expect((await internalRequest(t, 'GET', `/internal/workspaces/${workspaceId}/connections/${id}`)).body.config).toEqual(config);
      await t.close();
    } finally {
      await database.drop();
    }
  });
});
