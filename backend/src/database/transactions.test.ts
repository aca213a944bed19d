import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { Transactions } from './transactions';

/** Group commit on a real SQLite file: what commits together, what rolls back alone, and when promises settle. */
describe('Transactions on SQLite', () => {
  let dir: string;
  let file: string;
  let dataSource: DataSource;
  let transactions: Transactions;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tripline-transactions-'));
    file = path.join(dir, 'test.sqlite');
    dataSource = new DataSource({ type: 'better-sqlite3', database: file, prepareDatabase: (db: { pragma(sql: string): unknown }) => void db.pragma('journal_mode = WAL') });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE items (name TEXT PRIMARY KEY)');
    transactions = new Transactions(dataSource);
  });

  afterEach(async () => {
    await dataSource.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What another connection sees: only committed rows. */
  const committedNames = () => {
    const reader = new Database(file, { readonly: true });
    try {
      return (reader.prepare('SELECT name FROM items ORDER BY name').all() as { name: string }[]).map((row) => row.name);
    } finally {
      reader.close();
    }
  };

  const insert = (name: string) => transactions.run((manager) => manager.query('INSERT INTO items (name) VALUES (?)', [name]).then(() => name));

  it('commits units queued together in one transaction, a failing unit rolled back alone', async () => {
    const seenAtResolve: string[][] = [];
    const first = insert('a').then((name) => (seenAtResolve.push(committedNames()), name));
    const failing = transactions.run(async (manager) => {
      await manager.query('INSERT INTO items (name) VALUES (?)', ['b']);
      throw new Error('unit b failed after writing');
    });
    const third = insert('c').then((name) => (seenAtResolve.push(committedNames()), name));
    const duplicate = insert('a');

    await expect(first).resolves.toBe('a');
    await expect(failing).rejects.toThrow('unit b failed after writing');
    await expect(third).resolves.toBe('c');
    await expect(duplicate).rejects.toThrow(/UNIQUE constraint failed/);
    expect(committedNames()).toEqual(['a', 'c']);
    // Each promise settled only once its rows were committed (visible to another connection).
    for (const seen of seenAtResolve) expect(seen).toEqual(expect.arrayContaining(['a', 'c']));
  });

  it('runs a unit that arrives when idle on its own, and later units after it', async () => {
    await insert('x');
    expect(committedNames()).toEqual(['x']);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => insert(`n${String(i).padStart(2, '0')}`)));
    expect(results).toHaveLength(50);
    expect(committedNames()).toHaveLength(51);
  });

  it('runs units one after another: a unit never sees another unit half done', async () => {
    await dataSource.query('CREATE TABLE counter (n INTEGER)');
    await dataSource.query('INSERT INTO counter (n) VALUES (0)');
    const increment = () =>
      transactions.run(async (manager) => {
        const [{ n }] = (await manager.query('SELECT n FROM counter')) as { n: number }[];
        await new Promise((resolve) => setTimeout(resolve, 1));
        await manager.query('UPDATE counter SET n = ?', [n + 1]);
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    expect(await dataSource.query('SELECT n FROM counter')).toEqual([{ n: 20 }]);
  });
});
