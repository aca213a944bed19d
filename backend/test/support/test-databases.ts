import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/**
 * The databases every database suite runs on: SQLite always, PostgreSQL when DATABASE_URL
 * points at one (CI sets it). Each suite gets a database of its own, dropped afterwards.
 */
export type DatabaseKind = 'sqlite' | 'postgres';

export function databaseKindsUnderTest(): DatabaseKind[] {
  const url = process.env.DATABASE_URL;
  return url && /^postgres(ql)?:\/\//.test(url) ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  kind: DatabaseKind;
  /** The DATABASE_URL value for the app under test (sqlite:<file> or postgres://...). */
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripline-test-'));
  if (kind === 'sqlite') {
    return {
      kind,
      url: `sqlite:${path.join(dataDir, 'tripline.sqlite')}`,
      dataDir,
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.DATABASE_URL!;
  const name = `tripline_t_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    dataDir,
    drop: async () => {
      await dropWithRetry(adminUrl, name);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * DROP ... WITH (FORCE) is refused while a connection the role may not end (e.g. an autovacuum
 * worker on the new database) is attached; such connections go away by themselves within moments.
 */
async function dropWithRetry(adminUrl: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      return;
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
