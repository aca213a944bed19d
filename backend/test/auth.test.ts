import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';
import { MembershipEntity } from '../src/auth/membership.entity';
import { UsersService } from '../src/auth/users.service';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { deriveKey } from '../src/crypto/derive-key';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { DataSource } from 'typeorm';
import { GraphqlPubSub } from '../src/graphql/pubsub';
import { gql, login, loginAsAdmin } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TestApp, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from './support/test-app';

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const ME = `{ me { user { id email name } workspace { id name } role memberships { role workspace { id name } } } }`;
const CREATE = `mutation Create($name: String!) { createPlaybook(input: { name: $name }) { id name } }`;

describe.each(databaseKindsUnderTest())('auth on %s', (kind) => {
  let t: TestApp;
  let users: UsersService;
  let defaultWorkspaceId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    users = t.app.get(UsersService);
    defaultWorkspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
  });
  afterAll(async () => t?.close());

  async function createUser(role: 'admin' | 'editor' | 'approver' | 'operator' | 'viewer', workspaceId = defaultWorkspaceId) {
    const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
    const password = `password-${randomUUID()}`;
    const user = await users.create({ email, password, name: role });
    await users.setRole(user.id, workspaceId, role);
    return { user, email, password };
  }

  describe('login', () => {
    it('signs the seeded admin in to the default workspace, ignoring the case of the email', async () => {
      const result = await gql(t.url, `mutation { login(email: "${TEST_ADMIN_EMAIL.toUpperCase()}", password: "${TEST_ADMIN_PASSWORD}") { token role user { email } workspace { id name } } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data.login).toMatchObject({
        role: 'admin',
        user: { email: TEST_ADMIN_EMAIL },
        workspace: { id: defaultWorkspaceId, name: 'Default workspace' },
      });
      expect(result.data.login.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    });

    it('answers a wrong password and an unknown email with the same UNAUTHENTICATED error', async () => {
      const wrongPassword = await gql(t.url, `mutation { login(email: "${TEST_ADMIN_EMAIL}", password: "not the password") { token } }`);
      const unknownEmail = await gql(t.url, `mutation { login(email: "nobody@example.test", password: "${TEST_ADMIN_PASSWORD}") { token } }`);
      for (const result of [wrongPassword, unknownEmail]) {
        expect(result.data).toBeNull();
        expect(result.errors).toEqual([expect.objectContaining({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } })]);
      }
    });

    it('signs in to a chosen workspace only when the user is a member of it', async () => {
      const second = await t.app.get(WorkspacesService).create('Second workspace', `wk_${randomUUID()}`);
      const { user, email, password } = await createUser('viewer');
      const notMember = await gql(t.url, `mutation($ws: ID) { login(email: "${email}", password: "${password}", workspaceId: $ws) { token } }`, { ws: second.id });
      expect(notMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      await users.setRole(user.id, second.id, 'operator');
      const token = await login(t.url, email, password, second.id);
      const me = await gql(t.url, ME, {}, token);
      expect(me.data.me.workspace).toEqual({ id: second.id, name: 'Second workspace' });
      expect(me.data.me.role).toBe('operator');
      expect(me.data.me.memberships).toHaveLength(2);
    });
  });

  describe('tokens', () => {
    it('me answers with the caller, their workspace and role', async () => {
      const token = await loginAsAdmin(t.url);
      const result = await gql(t.url, ME, {}, token);
      expect(result.errors).toBeUndefined();
      expect(result.data.me).toMatchObject({
        user: { email: TEST_ADMIN_EMAIL, name: 'Admin' },
        workspace: { id: defaultWorkspaceId },
        role: 'admin',
        memberships: [{ role: 'admin', workspace: { id: defaultWorkspaceId, name: 'Default workspace' } }],
      });
    });

    it('refuses a missing, malformed, forged or expired token with UNAUTHENTICATED', async () => {
      const admin = await loginAsAdmin(t.url);
      const claims = JSON.parse(Buffer.from(admin.split('.')[1]!, 'base64url').toString()) as { sub: string; wid: string };
      // Signed with the raw secret instead of the derived signing key: must not verify.
      const forged = new JwtService({ secret: t.config.secretKey }).sign({ sub: claims.sub, wid: claims.wid }, { issuer: 'tripline' });
      const signingKey = deriveKey(t.config.secretKey, 'tripline:jwt-signing:v1');
      const expired = new JwtService({ secret: signingKey }).sign({ sub: claims.sub, wid: claims.wid, exp: Math.floor(Date.now() / 1000) - 10 }, { issuer: 'tripline' });
      const genuine = new JwtService({ secret: signingKey }).sign({ sub: claims.sub, wid: claims.wid }, { issuer: 'tripline' });

      expect((await gql(t.url, ME, {}, genuine)).data?.me.role).toBe('admin');
      for (const token of [undefined, 'garbage', forged, expired, `${admin}x`]) {
        const result = await gql(t.url, ME, {}, token);
        expect(result.data).toBeNull();
        expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      const basic = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
        body: JSON.stringify({ query: ME }),
      });
      expect((await basic.json()).errors[0]).toMatchObject({ message: expect.stringContaining('Bearer'), extensions: { code: 'UNAUTHENTICATED' } });
    });
  });

  describe('roles', () => {
    it('forbids a viewer to create a playbook, and a role change applies to the same token at once', async () => {
      const { user, email, password } = await createUser('viewer');
      const token = await login(t.url, email, password);

      const denied = await gql(t.url, CREATE, { name: 'Not allowed' }, token);
      expect(denied.data).toBeNull();
      expect(denied.errors).toEqual([expect.objectContaining({ path: ['createPlaybook'], extensions: { code: 'FORBIDDEN' } })]);
      expect(denied.errors![0]!.message).toMatch(/admin or editor; you are viewer/);
      expect((await gql(t.url, `{ playbooks { id } }`, {}, token)).errors).toBeUndefined();

      await users.setRole(user.id, defaultWorkspaceId, 'editor');
      const allowed = await gql(t.url, CREATE, { name: 'Allowed now' }, token);
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data.createPlaybook.name).toBe('Allowed now');
    });

    it('turns a token away once its membership is gone', async () => {
      const { user, email, password } = await createUser('editor');
      const token = await login(t.url, email, password);
      expect((await gql(t.url, ME, {}, token)).data?.me.role).toBe('editor');
      await t.app.get(DataSource).getRepository(MembershipEntity).delete({ userId: user.id });
      const result = await gql(t.url, ME, {}, token);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('subscriptions (graphql-ws)', () => {
    const clients: Client[] = [];
    afterAll(async () => {
      await Promise.all(clients.map((client) => client.dispose()));
    });

    /** Connects and reports whether the server acknowledged connection_init, or how it closed. */
    function connect(connectionParams: Record<string, unknown> | undefined): Promise<{ acknowledged: boolean; closeCode?: number }> {
      return new Promise((resolve) => {
        const client = createClient({
          url: `${t.url.replace(/^http/, 'ws')}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams,
          lazy: false,
          retryAttempts: 0,
          on: {
            connected: () => resolve({ acknowledged: true }),
            closed: (event) => resolve({ acknowledged: false, closeCode: (event as { code?: number }).code }),
          },
          onNonLazyError: () => undefined,
        });
        clients.push(client);
      });
    }

    it('refuses a connection without a valid token', async () => {
      expect(await connect(undefined)).toMatchObject({ acknowledged: false });
      expect(await connect({ authorization: 'Bearer not-a-token' })).toMatchObject({ acknowledged: false });
    });

    it('accepts a connection with a token in "authorization" or "token"', async () => {
      const token = await loginAsAdmin(t.url);
      expect(await connect({ authorization: `Bearer ${token}` })).toEqual({ acknowledged: true });
      expect(await connect({ token })).toEqual({ acknowledged: true });
    });

    it('authorizes each subscription with the connection token, looking the membership up afresh', async () => {
      const { user, email, password } = await createUser('viewer');
      const token = await login(t.url, email, password);
      const pubsub = t.app.get(GraphqlPubSub);
      const listenersBefore = pubsub.listenerCount();
      const client = createClient({ url: `${t.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { token }, retryAttempts: 0 });
      clients.push(client);
      const subscribe = () => {
        const errors: unknown[] = [];
        const stop = client.subscribe({ query: 'subscription { runUpdated { id } }' }, { next: () => undefined, error: (e) => errors.push(e), complete: () => undefined });
        return { errors, stop };
      };

      const live = subscribe();
      await waitFor(() => pubsub.listenerCount() === listenersBefore + 1);
      expect(live.errors).toEqual([]);

      // Same open connection, membership gone: the next subscription is refused by the guard.
      await t.app.get(DataSource).getRepository(MembershipEntity).delete({ userId: user.id });
      const refused = subscribe();
      await waitFor(() => refused.errors.length > 0);
      expect(refused.errors[0]).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
      expect(pubsub.listenerCount()).toBe(listenersBefore + 1);

      // Completing a subscription removes its listener.
      live.stop();
      await waitFor(() => pubsub.listenerCount() === listenersBefore);
      expect(pubsub.listenerCount()).toBe(listenersBefore);
    });
  });
});
