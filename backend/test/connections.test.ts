import { randomUUID } from 'node:crypto';
import { smtpConfigSchema } from '@tripline/connector-email';
import { DataSource } from 'typeorm';
import { UsersService } from '../src/auth/users.service';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { ConnectionEntity } from '../src/connections/connection.entity';
import { DefaultEmailConnectionSeeder } from '../src/connections/default-email-connection.seeder';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { gql, login, loginAsAdmin } from './support/graphql-client';
import { internalRequest } from './support/internal-api';
import { startTestApp, TestApp } from './support/test-app';
import { databaseKindsUnderTest } from './support/test-databases';

// Starting the API (migrations, GraphQL schema) can take several seconds on a loaded CI machine.
jest.setTimeout(30_000);

const CREATE = `mutation Create($input: CreateConnectionInput!) { createConnection(input: $input) { id name connector createdAt } }`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateConnectionInput!) { updateConnection(id: $id, input: $input) { id name connector } }`;
const DELETE = `mutation Delete($id: ID!) { deleteConnection(id: $id) }`;
const LIST = `{ connections { id name connector createdAt } }`;

const smtpConfig = { host: 'smtp.example.test', port: 587, username: 'sales@example.test', password: 'sup3r-secret-pw', from: 'Sales <sales@example.test>' };

describe.each(databaseKindsUnderTest())('connections on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;
  let adminToken: string;

  const rawRow = (id: string) => t.app.get(DataSource).getRepository(ConnectionEntity).findOneByOrFail({ id });
  const resolveInternally = (idOrName: string, inWorkspace = workspaceId) =>
    internalRequest(t, 'GET', `/internal/workspaces/${inWorkspace}/connections/${encodeURIComponent(idOrName)}`);
  const create = async (input: Record<string, unknown>, token = adminToken) => gql(t.url, CREATE, { input }, token);

  async function tokenOf(role: 'admin' | 'editor' | 'viewer', inWorkspace = workspaceId) {
    const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
    const password = `password-${randomUUID()}`;
    const users = t.app.get(UsersService);
    const user = await users.create({ email, password, name: role });
    await users.setRole(user.id, inWorkspace, role);
    return login(t.url, email, password, inWorkspace);
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    adminToken = await loginAsAdmin(t.url);
  });
  afterAll(async () => t?.close());

  it('stores the config encrypted and hands it decrypted to the worker, by name or id', async () => {
    const created = await create({ name: 'smtp-main', connector: 'email', config: smtpConfig });
    expect(created.errors).toBeUndefined();
    const connection = created.data.createConnection;
    expect(connection).toMatchObject({ name: 'smtp-main', connector: 'email', createdAt: expect.any(String) });

    const raw = await rawRow(connection.id);
    expect(raw.configEncrypted).toMatch(/^v1:/);
    for (const clear of ['sup3r-secret-pw', 'smtp.example.test', 'sales@example.test']) expect(raw.configEncrypted).not.toContain(clear);

    for (const idOrName of ['smtp-main', connection.id]) {
      expect(await resolveInternally(idOrName)).toEqual({ status: 200, body: { id: connection.id, connector: 'email', config: smtpConfig } });
    }
  });

  it('lists connections without ever exposing the config', async () => {
    const list = await gql(t.url, LIST, {}, adminToken);
    expect(list.errors).toBeUndefined();
    expect(list.data.connections).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'smtp-main', connector: 'email' })]));
    expect(JSON.stringify(list.data)).not.toContain('sup3r-secret-pw');
    const asking = await gql(t.url, `{ connections { id config } }`, {}, adminToken);
    expect(asking.errors?.[0]?.message).toMatch(/Cannot query field "config"/);
  });

  it('rejects bad input naming the field, and a name already taken', async () => {
    const taken = await create({ name: 'smtp-main', connector: 'email', config: smtpConfig });
    expect(taken.errors?.[0]).toMatchObject({ message: 'A connection named "smtp-main" already exists in this workspace', extensions: { code: 'BAD_USER_INPUT' } });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: '', connector: 'email', config: {} }, /^name must be/],
      [{ name: 'ok', connector: 'Email Pro!', config: {} }, /^connector must be/],
      [{ name: 'ok', connector: 'email', config: [1, 2] }, /^config must be a JSON object/],
      [{ name: 'ok', connector: 'email', config: 'smtp://x' }, /^config must be a JSON object/],
    ];
    for (const [input, message] of cases) {
      const result = await create(input);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(message);
    }
    expect((await resolveInternally('ok')).status).toBe(404);
  });

  it('updates config and name, deletes, and answers 404 naming what was not found', async () => {
    const { id } = (await create({ name: 'to-change', connector: 'email', config: smtpConfig })).data.createConnection;
    const newConfig = { ...smtpConfig, password: 'rotated-pw-2' };
    const updated = await gql(t.url, UPDATE, { id, input: { name: 'changed', config: newConfig } }, adminToken);
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateConnection).toEqual({ id, name: 'changed', connector: 'email' });
    expect((await rawRow(id)).configEncrypted).not.toContain('rotated-pw-2');
    expect((await resolveInternally('changed')).body.config).toEqual(newConfig);
    const oldName = await resolveInternally('to-change');
    expect(oldName).toEqual({ status: 404, body: expect.objectContaining({ message: `Connection "to-change" not found in workspace ${workspaceId}` }) });

    const renameOnto = await gql(t.url, UPDATE, { id, input: { name: 'smtp-main' } }, adminToken);
    expect(renameOnto.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    expect((await gql(t.url, DELETE, { id }, adminToken)).data).toEqual({ deleteConnection: true });
    expect((await resolveInternally(id)).status).toBe(404);
    expect((await gql(t.url, DELETE, { id }, adminToken)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(t.url, UPDATE, { id, input: { name: 'x' } }, adminToken)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('is admin only, and keeps every workspace to its own connections', async () => {
    for (const role of ['editor', 'viewer'] as const) {
      const token = await tokenOf(role);
      expect((await gql(t.url, LIST, {}, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await create({ name: `by-${role}`, connector: 'email', config: {} }, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await gql(t.url, LIST, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const other = await t.app.get(WorkspacesService).create('Other workspace', `wk_${randomUUID()}`);
    const otherAdmin = await tokenOf('admin', other.id);
    const mine = (await gql(t.url, LIST, {}, adminToken)).data.connections.find((c: { name: string }) => c.name === 'smtp-main');
    expect((await gql(t.url, LIST, {}, otherAdmin)).data.connections).toEqual([]);
    expect((await gql(t.url, UPDATE, { id: mine.id, input: { name: 'stolen' } }, otherAdmin)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(t.url, DELETE, { id: mine.id }, otherAdmin)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The same name may exist in another workspace; each resolves to its own.
    expect((await create({ name: 'smtp-main', connector: 'email', config: { host: 'other' } }, otherAdmin)).errors).toBeUndefined();
    expect((await resolveInternally('smtp-main', other.id)).body.config).toEqual({ host: 'other' });
    expect((await resolveInternally(mine.id, other.id)).status).toBe(404);
    expect((await resolveInternally('smtp-main')).body.config).toEqual(smtpConfig);
  });

  it('needs the internal token to read a decrypted config', async () => {
    const anonymous = await internalRequest(t, 'GET', `/internal/workspaces/${workspaceId}/connections/smtp-main`, undefined, null);
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.body)).not.toContain('sup3r-secret-pw');
  });

  it('seeds no default-email connection without TRIPLINE_DEFAULT_SMTP_URL', async () => {
    expect((await resolveInternally('default-email')).status).toBe(404);
  });
});

describe.each(databaseKindsUnderTest())('default email connection on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;

  beforeAll(async () => {
    t = await startTestApp(kind, { TRIPLINE_DEFAULT_SMTP_URL: 'smtp://mailer:p%40ss@127.0.0.1:1025' });
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
  });
  afterAll(async () => t?.close());

  it('is seeded from TRIPLINE_DEFAULT_SMTP_URL in the shape the email connector accepts', async () => {
    const seeded = await internalRequest(t, 'GET', `/internal/workspaces/${workspaceId}/connections/default-email`);
    expect(seeded.status).toBe(200);
    expect(seeded.body).toMatchObject({
      connector: 'email',
      config: { host: '127.0.0.1', port: 1025, secure: false, username: 'mailer', password: 'p@ss', from: 'Tripline <tripline@localhost>' },
    });
    expect(smtpConfigSchema.safeParse(seeded.body.config).success).toBe(true);
    const raw = await t.app.get(DataSource).getRepository(ConnectionEntity).findOneByOrFail({ id: seeded.body.id });
    expect(raw.configEncrypted).not.toContain('p@ss');
  });

  it('is created once and never overwrites what an admin changed', async () => {
    const token = await loginAsAdmin(t.url);
    const { id } = (await internalRequest(t, 'GET', `/internal/workspaces/${workspaceId}/connections/default-email`)).body;
    const mine = { host: 'smtp.example.test', port: 2525, from: 'Me <me@example.test>' };
    expect((await gql(t.url, UPDATE, { id, input: { config: mine } }, token)).errors).toBeUndefined();

    await t.app.get(DefaultEmailConnectionSeeder).onApplicationBootstrap();

    const rows = await t.app.get(DataSource).getRepository(ConnectionEntity).findBy({ workspaceId, name: 'default-email' });
    expect(rows.map((r) => r.id)).toEqual([id]);
    expect((await internalRequest(t, 'GET', `/internal/workspaces/${workspaceId}/connections/default-email`)).body.config).toEqual(mine);
  });
});
