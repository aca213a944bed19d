import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { loadConfig, TriplineConfig } from '../../src/config/tripline-config';
import { createTestDatabase, DatabaseKind, TestDatabase } from './test-databases';

export const TEST_WRITE_KEY = 'wk_test_write_key_123456';
export const TEST_ADMIN_EMAIL = 'admin@example.test';
export const TEST_ADMIN_PASSWORD = 'correct horse battery staple';
export const TEST_INTERNAL_TOKEN = 'internal-token-for-tests-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  config: TriplineConfig;
  database: TestDatabase;
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/** The configuration every test API runs with: a fresh secret key, the seeded test credentials, no Temporal unless `env` names one. */
export function testConfig(database: TestDatabase, env: Record<string, string> = {}): TriplineConfig {
  return loadConfig({
    TRIPLINE_DATA_DIR: database.dataDir,
    DATABASE_URL: database.url,
    TRIPLINE_SECRET_KEY: randomBytes(32).toString('base64'),
    TRIPLINE_INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
    TRIPLINE_WRITE_KEY: TEST_WRITE_KEY,
    TRIPLINE_ADMIN_EMAIL: TEST_ADMIN_EMAIL,
    TRIPLINE_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    // Nothing listens here unless a test starts Temporal and overrides it.
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    TRIPLINE_OUTBOX_POLL_MS: '100',
    // Older suites publish directly; governance suites set 'approver' or store a policy.
    TRIPLINE_DEFAULT_APPROVAL_POLICY: 'none',
    ...env,
  });
}

/**
 * Starts the real API on a free loopback port with a fresh database of the given kind.
 * `env` overrides any variable (e.g. TEMPORAL_ADDRESS of a test Temporal server).
 */
export async function startTestApp(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const config = testConfig(database, env);
  const app = await createApp(config, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    config,
    database,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
