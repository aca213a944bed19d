import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../src/audit/audit-entry.entity';
import { AuditLog } from '../src/audit/audit-log';
import { runAuditCommand } from '../src/audit/cli/audit-command';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { appendEntries, dropAuditTriggers } from './audit-support/audit-chains';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(120_000);

/** Runs the command in-process and collects what it writes. */
async function run(argv: string[], env: Record<string, string>): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await runAuditCommand(argv, env, { out: (text) => void (out += text), err: (text) => void (err += text) });
  return { status, out, err };
}

describe.each(databaseKindsUnderTest())('audit command (npm run audit:verify / audit:export) on %s', (kind) => {
  let t: TestApp;
  let env: Record<string, string>;
  let defaultWorkspaceId: string;
  let workspaceId: string;
  let rows: AuditEntryEntity[];

  beforeAll(async () => {
    t = await startTestApp(kind);
    defaultWorkspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    // The API's own environment, as an operator would have it (no internal token needed).
    env = { DATABASE_URL: t.database.url, TRIPLINE_DATA_DIR: t.database.dataDir, TRIPLINE_SECRET_KEY: t.config.secretKey.toString('base64') };
    rows = await appendEntries(t.app, 6);
    workspaceId = rows[0]!.workspaceId;
  });
  afterAll(() => t?.close());

  it('verifies every workspace: "ok: <n> entries" each, exit 0', async () => {
    const result = await run(['verify'], env);
    expect(result).toMatchObject({ status: 0, err: '' });
    const lines = result.out.trimEnd().split('\n');
    expect(lines).toContain(`${workspaceId}: ok: 6 entries`);
    // The default workspace holds at least the seeded scoring models' entries (created and published, by 'bootstrap').
    expect(lines.find((line) => line.startsWith(`${defaultWorkspaceId}: `))).toMatch(/: ok: ([4-9]|\d\d+) entries$/);
    expect(lines.every((line) => / ok: \d+ entr(y|ies)$/.test(line))).toBe(true);
  });

  it('verifies one workspace with --workspace', async () => {
    expect(await run(['verify', '--workspace', workspaceId], env)).toEqual({ status: 0, out: `${workspaceId}: ok: 6 entries\n`, err: '' });
    expect(await run(['verify', '--workspace', randomUUID()], env)).toMatchObject({ status: 0, out: expect.stringMatching(/: ok: 0 entries\n$/) });
  });

  it('exports JSON lines in seq order that verify as a file, and notices an edited copy', async () => {
    const exported = await run(['export', '--workspace', workspaceId], env);
    expect(exported.status).toBe(0);
    const lines = exported.out.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(
      rows.map((row) => expect.objectContaining({ v: 1, id: row.id, seq: row.seq, workspaceId, hash: row.hash, prevHash: row.prevHash, keyId: row.keyId, at: row.at.toISOString() })),
    );
    const file = path.join(t.database.dataDir, 'audit-export.jsonl');
    fs.writeFileSync(file, exported.out);
    expect(await run(['verify', '--file', file], env)).toEqual({ status: 0, out: `${file}: ok: 6 entries\n`, err: '' });

    const edited = lines.map((line, i) => (i === 3 ? line.replace('"target-4"', '"target-x"') : line));
    fs.writeFileSync(file, `${edited.join('\n')}\n`);
    const broken = await run(['verify', '--file', file], env);
    expect(broken.status).toBe(1);
    expect(broken.out).toBe(`${file}: BROKEN at entry #4 (${rows[3]!.id}): hash mismatch: entry #4's content does not match its hash (content changed)\n`);

    fs.writeFileSync(file, `${lines.filter((_, i) => i !== 2).join('\n')}\n`);
    expect((await run(['verify', '--file', file], env)).out).toMatch(/BROKEN at entry #3 \(missing\): missing seq/);
    fs.writeFileSync(file, `${lines[0]}\nnot json\n`);
    expect(await run(['verify', '--file', file], env)).toMatchObject({ status: 1, out: expect.stringMatching(/BROKEN after entry #1: line 2 is not an audit entry/) });
  });

  it('exports a time range with --from and --to', async () => {
    const from = rows[2]!.at.toISOString();
    const to = new Date(rows[4]!.at.getTime() + 1).toISOString();
    const exported = await run(['export', '--workspace', workspaceId, '--from', from, '--to', to], env);
    const seqs = exported.out.trimEnd().split('\n').map((line) => JSON.parse(line).seq as number);
    expect(seqs[0]).toBeGreaterThanOrEqual(1);
    expect(seqs).toContain(3);
    expect(seqs).toContain(5);
    expect(seqs).not.toContain(6);
  });

  it('keeps verifying after a key rotation (TRIPLINE_SECRET_KEY=new,old), and names entries whose key is gone', async () => {
    const newKey = randomBytes(32);
    const rotatedEnv = { ...env, TRIPLINE_SECRET_KEY: `${newKey.toString('base64')},${env.TRIPLINE_SECRET_KEY}` };
    const rotatedWorkspace = randomUUID();
    await appendEntries(t.app, 2, rotatedWorkspace);
    await appendEntries(t.app, 2, rotatedWorkspace, new AuditLog({ secretKey: newKey, previousSecretKeys: [t.config.secretKey] }));
    expect(await run(['verify', '--workspace', rotatedWorkspace], rotatedEnv)).toMatchObject({ status: 0, out: `${rotatedWorkspace}: ok: 4 entries\n` });
    const withoutOld = await run(['verify', '--workspace', rotatedWorkspace], { ...env, TRIPLINE_SECRET_KEY: newKey.toString('base64') });
    expect(withoutOld.status).toBe(1);
    expect(withoutOld.out).toMatch(new RegExp(`^${rotatedWorkspace}: BROKEN at entry #1 \\([0-9a-f-]{36}\\): unknown key id`));
  });

  it('exits 1 naming the first broken entry of a tampered workspace, the others still ok', async () => {
    const dataSource = t.app.get(DataSource);
    await dropAuditTriggers(dataSource);
    await dataSource.createQueryBuilder().update(AuditEntryEntity).set({ targetId: 'rewritten' }).where('id = :id', { id: rows[2]!.id }).execute();
    const result = await run(['verify'], env);
    expect(result.status).toBe(1);
    const lines = result.out.trimEnd().split('\n');
    expect(lines).toContain(`${workspaceId}: BROKEN at entry #3 (${rows[2]!.id}): hash mismatch: entry #3's content does not match its hash (content changed)`);
    expect(lines.find((line) => line.startsWith(`${defaultWorkspaceId}: `))).toMatch(/: ok: \d+ entries$/);
  });

  it('refuses bad usage and configuration with exit 2 and a message', async () => {
    expect(await run([], env)).toMatchObject({ status: 2, err: expect.stringMatching(/use verify or export/) });
    expect(await run(['export'], env)).toMatchObject({ status: 2, err: expect.stringMatching(/export needs --workspace/) });
    expect(await run(['export', '--workspace', workspaceId, '--from', 'yesterday'], env)).toMatchObject({ status: 2, err: expect.stringMatching(/--from and --to must be ISO 8601/) });
    expect(await run(['verify', '--from', '2026-01-01T00:00:00Z'], env)).toMatchObject({ status: 2 });
    expect(await run(['verify', '--bogus'], env)).toMatchObject({ status: 2, err: expect.stringMatching(/Unknown option '--bogus'/) });
    expect(await run(['verify'], { ...env, TRIPLINE_SECRET_KEY: 'short' })).toMatchObject({ status: 2, err: expect.stringMatching(/TRIPLINE_SECRET_KEY must be base64 of exactly 32 bytes/) });
    const nowhere = path.join(t.database.dataDir, 'nothing-here', 'tripline.sqlite');
    expect(await run(['verify'], { ...env, DATABASE_URL: `sqlite:${nowhere}` })).toMatchObject({ status: 2, err: expect.stringMatching(/No database at/) });
    expect(fs.existsSync(nowhere)).toBe(false);
  });
});
