import { DataSource } from 'typeorm';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { LedgerEntryEntity } from '../src/ledger/ledger-entry.entity';
import { internalRequest } from './support/internal-api';
import { startTestApp, TestApp } from './support/test-app';
import { databaseKindsUnderTest } from './support/test-databases';

// Starting the API (migrations, GraphQL schema) can take several seconds on a loaded CI machine.
jest.setTimeout(30_000);

describe.each(databaseKindsUnderTest())('side-effect ledger on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;
  const rowsOf = (key: string) => t.app.get(DataSource).getRepository(LedgerEntryEntity).find({ select: { state: true }, where: { workspaceId, key } });

  beforeAll(async () => {
    t = await startTestApp(kind);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
  });
  afterAll(async () => t?.close());

  it('claims a key once: a second claim sees it claimed, and there is only one row', async () => {
    const key = 'tripline:w:enroll-1/send-email';
    const first = await internalRequest(t, 'POST', '/internal/ledger/claim', { workspaceId, key });
    expect(first).toEqual({ status: 200, body: { state: 'claimed' } });
    const second = await internalRequest(t, 'POST', '/internal/ledger/claim', { workspaceId, key });
    expect(second).toEqual({ status: 200, body: { state: 'claimed' } });
    expect(await rowsOf(key)).toHaveLength(1);
  });

  it('returns the recorded result once completed, and keeps the first result', async () => {
    const key = 'tripline:w:enroll-2/send-email';
    await internalRequest(t, 'POST', '/internal/ledger/claim', { workspaceId, key });
    const result = { messageId: '<m1@tripline>', accepted: ['ada@example.com'] };
    expect(await internalRequest(t, 'POST', '/internal/ledger/complete', { workspaceId, key, result })).toEqual({
      status: 200,
      body: { state: 'completed', result },
    });
    expect(await internalRequest(t, 'POST', '/internal/ledger/claim', { workspaceId, key })).toEqual({
      status: 200,
      body: { state: 'completed', result },
    });
    await internalRequest(t, 'POST', '/internal/ledger/complete', { workspaceId, key, result: { messageId: 'other' } });
    expect((await internalRequest(t, 'POST', '/internal/ledger/claim', { workspaceId, key })).body).toEqual({ state: 'completed', result });
    expect(await rowsOf(key)).toEqual([{ state: 'completed' }]);
  });

  it('lets exactly one row win when claims race', async () => {
    const key = 'tripline:w:enroll-3/send-email';
    const answers = await Promise.all(Array.from({ length: 8 }, () => internalRequest(t, 'POST', '/internal/ledger/claim', { workspaceId, key })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(answers.every((a) => a.body.state === 'claimed')).toBe(true);
    expect(await rowsOf(key)).toHaveLength(1);
  });

  it('keeps keys apart per workspace', async () => {
    const key = 'shared-key';
    await internalRequest(t, 'POST', '/internal/ledger/claim', { workspaceId, key });
    await internalRequest(t, 'POST', '/internal/ledger/complete', { workspaceId, key, result: 1 });
    const elsewhere = await internalRequest(t, 'POST', '/internal/ledger/claim', { workspaceId: 'another-workspace', key });
    expect(elsewhere.body).toEqual({ state: 'claimed' });
  });

  it('answers 404 for completing a key never claimed, and 400 naming a bad field', async () => {
    const unknown = await internalRequest(t, 'POST', '/internal/ledger/complete', { workspaceId, key: 'never-claimed', result: null });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/never-claimed/);

    const noKey = await internalRequest(t, 'POST', '/internal/ledger/claim', { workspaceId });
    expect(noKey.status).toBe(400);
    expect(noKey.body.message).toMatch(/^Invalid ledger claim: key: /);

    const badWorkspace = await internalRequest(t, 'POST', '/internal/ledger/complete', { workspaceId: 42, key: 'k', result: null });
    expect(badWorkspace.status).toBe(400);
    expect(badWorkspace.body.message).toMatch(/workspaceId/);
  });

  it('requires the internal token', async () => {
    const none = await internalRequest(t, 'POST', '/internal/ledger/claim', { workspaceId, key: 'k' }, null);
    expect(none.status).toBe(401);
    expect(none.body.message).toMatch(/Bearer/);
    const wrong = await internalRequest(t, 'POST', '/internal/ledger/claim', { workspaceId, key: 'k' }, 'not-the-token');
    expect(wrong.status).toBe(401);
    expect(await rowsOf('k')).toHaveLength(0);
  });
});
