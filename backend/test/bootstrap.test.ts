import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { MembershipEntity } from '../src/auth/membership.entity';
import { UserEntity } from '../src/auth/user.entity';
import { createApp } from '../src/app.factory';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { loadConfig } from '../src/config/tripline-config';
import { WorkspaceEntity } from '../src/workspaces/workspace.entity';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { gql } from './support/graphql-client';
import { createTestDatabase, databaseKindsUnderTest, TestDatabase } from './support/test-databases';
import { TEST_INTERNAL_TOKEN } from './support/test-app';

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { role workspace { id } } }`;

describe.each(databaseKindsUnderTest())('first-start seeding on %s', (kind) => {
  let database: TestDatabase;
  const secretKey = randomBytes(32).toString('base64');
  let warnings: jest.SpyInstance;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => database?.drop());
  beforeEach(() => {
    warnings = jest.spyOn(Logger.prototype, 'warn');
  });
  afterEach(() => warnings.mockRestore());

  /** Starts the real API on the same database each time (a restart), with the given seed variables. */
  async function start(seed: Record<string, string>): Promise<{ app: NestFastifyApplication; url: string }> {
    const config = loadConfig({
      TRIPLINE_DATA_DIR: database.dataDir,
      DATABASE_URL: database.url,
      TRIPLINE_SECRET_KEY: secretKey,
      TRIPLINE_INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
      TRIPLINE_ADMIN_EMAIL: 'owner@example.test',
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      ...seed,
    });
    const app = await createApp(config, { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    return { app, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
  }

  async function counts(app: NestFastifyApplication) {
    const dataSource = app.get(DataSource);
    return {
      workspaces: await dataSource.getRepository(WorkspaceEntity).count(),
      users: await dataSource.getRepository(UserEntity).count(),
      memberships: await dataSource.getRepository(MembershipEntity).find({ select: { role: true } }),
    };
  }

  const seedAnnouncements = () => warnings.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith('Generated'));

  it('generates and announces the write key and admin password once, then keeps them across restarts', async () => {
    const first = await start({});
    let generatedKey: string;
    let generatedPassword: string;
    try {
      const announced = seedAnnouncements();
      expect(announced).toHaveLength(2);
      generatedKey = /write key .*: (\S+)$/.exec(announced.find((l) => l.includes('write key'))!)![1]!;
      generatedPassword = /password of owner@example\.test .*: (\S+)$/.exec(announced.find((l) => l.includes('password'))!)![1]!;
      const workspaceId = await first.app.get(BootstrapService).defaultWorkspaceId();
      expect((await first.app.get(WorkspacesService).findByWriteKey(generatedKey))?.id).toBe(workspaceId);
      const login = await gql(first.url, LOGIN, { email: 'owner@example.test', password: generatedPassword });
      expect(login.data.login).toEqual({ role: 'admin', workspace: { id: workspaceId } });
      expect(await counts(first.app)).toEqual({ workspaces: 1, users: 1, memberships: [{ role: 'admin' }] });
    } finally {
      await first.app.close();
    }

    warnings.mockClear();
    const second = await start({});
    try {
      expect(seedAnnouncements()).toEqual([]);
      expect(await counts(second.app)).toEqual({ workspaces: 1, users: 1, memberships: [{ role: 'admin' }] });
      expect(await second.app.get(WorkspacesService).findByWriteKey(generatedKey)).not.toBeNull();
      expect((await gql(second.url, LOGIN, { email: 'owner@example.test', password: generatedPassword })).data?.login.role).toBe('admin');
    } finally {
      await second.app.close();
    }
  });

  it('lets TRIPLINE_WRITE_KEY and TRIPLINE_ADMIN_PASSWORD win over stored values on a later start', async () => {
    const app = await start({ TRIPLINE_WRITE_KEY: 'wk_from_the_environment_1', TRIPLINE_ADMIN_PASSWORD: 'environment password 1' });
    try {
      expect(seedAnnouncements()).toEqual([]);
      expect(await counts(app.app)).toEqual({ workspaces: 1, users: 1, memberships: [{ role: 'admin' }] });
      const workspaces = app.app.get(WorkspacesService);
      expect(await workspaces.findByWriteKey('wk_from_the_environment_1')).not.toBeNull();
      expect((await gql(app.url, LOGIN, { email: 'owner@example.test', password: 'environment password 1' })).data?.login.role).toBe('admin');
    } finally {
      await app.app.close();
    }

    const changed = await start({ TRIPLINE_WRITE_KEY: 'wk_from_the_environment_2', TRIPLINE_ADMIN_PASSWORD: 'environment password 2' });
    try {
      expect(await counts(changed.app)).toEqual({ workspaces: 1, users: 1, memberships: [{ role: 'admin' }] });
      const workspaces = changed.app.get(WorkspacesService);
      expect(await workspaces.findByWriteKey('wk_from_the_environment_1')).toBeNull();
      expect(await workspaces.findByWriteKey('wk_from_the_environment_2')).not.toBeNull();
      const oldPassword = await gql(changed.url, LOGIN, { email: 'owner@example.test', password: 'environment password 1' });
      expect(oldPassword.errors?.[0]?.message).toBe('Invalid email or password');
      expect((await gql(changed.url, LOGIN, { email: 'owner@example.test', password: 'environment password 2' })).data?.login.role).toBe('admin');
    } finally {
      await changed.app.close();
    }
  });

  it('adds a newly configured admin email to the default workspace without touching the first admin', async () => {
    const app = await start({ TRIPLINE_ADMIN_EMAIL: 'second-admin@example.test', TRIPLINE_ADMIN_PASSWORD: 'second admin password' });
    try {
      const { workspaces, users, memberships } = await counts(app.app);
      expect({ workspaces, users }).toEqual({ workspaces: 1, users: 2 });
      expect(memberships).toEqual([{ role: 'admin' }, { role: 'admin' }]);
      expect((await gql(app.url, LOGIN, { email: 'second-admin@example.test', password: 'second admin password' })).data?.login.role).toBe('admin');
    } finally {
      await app.app.close();
    }
  });
});
