import * as fs from 'node:fs';
import { DataSource } from 'typeorm';
import { startTestApp, TEST_WRITE_KEY, TestApp } from './support/test-app';

jest.setTimeout(60_000);

/**
 * The API's own connection never checkpoints (wal_autocheckpoint = 0); the checkpoint worker thread
 * does. Without it, committed pages would stay in the -wal file and the database file would not grow.
 */
describe('SQLite WAL checkpoints on a worker thread', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp('sqlite');
  });

  afterAll(async () => {
    await api?.close();
  });

  const databaseFile = () => (api.config.database.kind === 'sqlite' ? api.config.database.file : '');

  it('copies committed ingest writes into the database file, and the API connection does not checkpoint itself', async () => {
    const [{ wal_autocheckpoint: autoCheckpoint }] = (await api.app.get(DataSource).query('PRAGMA wal_autocheckpoint')) as {
      wal_autocheckpoint: number;
    }[];
    expect(autoCheckpoint).toBe(0);

    // Let the start-up writes (migrations, seed) be checkpointed first.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const sizeBefore = fs.statSync(databaseFile()).size;

    for (let b = 0; b < 4; b++) {
      const batch = Array.from({ length: 500 }, (_, i) => ({
        type: 'track',
        messageId: `checkpoint-${b}-${i}`,
        userId: `user-${i % 50}`,
        event: 'Feature Used',
        properties: { feature: `f${i % 7}`, note: 'x'.repeat(300) },
        timestamp: new Date(Date.UTC(2026, 10, 1) + (b * 500 + i) * 1000).toISOString(),
      }));
      const response = await fetch(`${api.url}/v1/batch`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${TEST_WRITE_KEY}:`).toString('base64')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ batch }),
      });
      expect(response.status).toBe(200);
    }

    const deadline = Date.now() + 10_000;
    while (fs.statSync(databaseFile()).size <= sizeBefore + 400_000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(fs.statSync(databaseFile()).size).toBeGreaterThan(sizeBefore + 400_000);
  });
});
