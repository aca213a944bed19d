import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { canonicalContent, contentOfRow, GENESIS_HASH } from '../src/audit/audit-chain';
import { AuditChainHeadEntity } from '../src/audit/audit-chain-head.entity';
import { AuditEntryEntity } from '../src/audit/audit-entry.entity';
import { AuditKeyring, auditKeyFrom } from '../src/audit/audit-keys';
import { AuditLog } from '../src/audit/audit-log';
import { AuditVerifier } from '../src/audit/audit-verifier';
import { Transactions } from '../src/database/transactions';
import { appendEntries, dropAuditTriggers, rawQuery, sampleEntry } from './audit-support/audit-chains';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(120_000);

describe.each(databaseKindsUnderTest())('audit chain on %s', (kind) => {
  let t: TestApp;
  let dataSource: DataSource;
  let verifier: AuditVerifier;

  beforeAll(async () => {
    t = await startTestApp(kind);
    dataSource = t.app.get(DataSource);
    verifier = t.app.get(AuditVerifier);
  });
  afterAll(() => t?.close());

  const entriesOf = (workspaceId: string) => dataSource.getRepository(AuditEntryEntity).find({ where: { workspaceId }, order: { seq: 'ASC' } });
  const headOf = (workspaceId: string) => dataSource.getRepository(AuditChainHeadEntity).findOneBy({ workspaceId });

  describe('appending', () => {
    it('links entries 1, 2, … by hash, keyed HMACs, and verifies them', async () => {
      const rows = await appendEntries(t.app, 7);
      const workspaceId = rows[0]!.workspaceId;
      const stored = await entriesOf(workspaceId);
      expect(stored.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(stored[0]!.prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < stored.length; i++) expect(stored[i]!.prevHash).toBe(stored[i - 1]!.hash);
      const key = auditKeyFrom(t.config.secretKey);
      for (const row of stored) {
        expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(row.keyId).toBe(key.id);
        expect(row.keyId).toMatch(/^[0-9a-f]{16}$/);
        // Stored exactly as appended (the database round trip keeps milliseconds and the details text).
        expect(row).toEqual(rows[row.seq - 1]);
      }
      // Not a plain digest: an attacker without the key cannot recompute it.
      expect(stored[0]!.hash).not.toBe(createHash('sha256').update(canonicalContent(contentOfRow(stored[0]!))).digest('hex'));
      expect(stored[0]!.details).toBe('{"changed":["name","config.password"],"note":"entry 1 — ünïcode","version":1}');
      expect(stored[3]!.details).toBeNull();
      expect(await headOf(workspaceId)).toEqual({ workspaceId, seq: 7, hash: stored[6]!.hash });
      expect(await verifier.verify(workspaceId)).toEqual({ ok: true, checked: 7, firstBroken: null, lastSeq: 7, lastHash: stored[6]!.hash });
    });

    it('keeps each workspace its own chain', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      await appendEntries(t.app, 2, a);
      await appendEntries(t.app, 3, b);
      await appendEntries(t.app, 1, a);
      expect((await entriesOf(a)).map((row) => row.seq)).toEqual([1, 2, 3]);
      expect((await entriesOf(b)).map((row) => row.seq)).toEqual([1, 2, 3]);
      expect((await verifier.verify(a)).ok).toBe(true);
      expect((await verifier.verify(b)).ok).toBe(true);
    });

    it('verifies an empty workspace as ok with 0 entries', async () => {
      expect(await verifier.verify(randomUUID())).toEqual({ ok: true, checked: 0, firstBroken: null, lastSeq: 0, lastHash: GENESIS_HASH });
    });

    it('verifies a chain longer than one page', async () => {
      const workspaceId = randomUUID();
      const audit = t.app.get(AuditLog);
      await t.app.get(Transactions).run(async (manager) => {
        for (let i = 1; i <= 1001; i++) await audit.append(manager, sampleEntry(workspaceId, i));
      });
      expect(await verifier.verify(workspaceId)).toMatchObject({ ok: true, checked: 1001, lastSeq: 1001 });
    });

    it('commits an entry with the change it records, or neither', async () => {
      const workspaceId = randomUUID();
      await appendEntries(t.app, 1, workspaceId);
      const transactions = t.app.get(Transactions);
      await expect(
        transactions.run(async (manager) => {
          await t.app.get(AuditLog).append(manager, sampleEntry(workspaceId, 2));
          throw new Error('the change failed after its entry was appended');
        }),
      ).rejects.toThrow('the change failed');
      expect((await entriesOf(workspaceId)).map((row) => row.seq)).toEqual([1]);
      expect((await headOf(workspaceId))!.seq).toBe(1);
      await appendEntries(t.app, 1, workspaceId);
      expect(await verifier.verify(workspaceId)).toMatchObject({ ok: true, checked: 2 });
    });

    it('refuses an append outside a transaction, malformed entries, and details over 16 KB', async () => {
      const audit = t.app.get(AuditLog);
      const workspaceId = randomUUID();
      await expect(audit.append(dataSource.manager, sampleEntry(workspaceId, 1))).rejects.toThrow(/must run inside a transaction/);
      const inTransaction = (entry: Parameters<AuditLog['append']>[1]) => t.app.get(Transactions).run((manager) => audit.append(manager, entry));
      await expect(inTransaction({ ...sampleEntry(workspaceId, 1), details: { blob: 'x'.repeat(16 * 1024) } })).rejects.toThrow(/details are 16\d{3} bytes; at most 16384/);
      await expect(inTransaction({ ...sampleEntry(workspaceId, 1), action: 'published' })).rejects.toThrow(/dotted verb/);
      await expect(inTransaction({ ...sampleEntry(workspaceId, 1), actor: { userId: 'u', system: 's' } as never })).rejects.toThrow(/either \{ userId \} or \{ system \}/);
      await expect(inTransaction({ ...sampleEntry(workspaceId, 1), details: ['not', 'an', 'object'] as never })).rejects.toThrow(/details must be a JSON object/);
      expect(await entriesOf(workspaceId)).toEqual([]);
      // Just under the limit is fine.
      await inTransaction({ ...sampleEntry(workspaceId, 1), details: { blob: 'x'.repeat(16 * 1024 - 20) } });
      expect(await verifier.verify(workspaceId)).toMatchObject({ ok: true, checked: 1 });
    });

    it('gives 30 concurrent appends seqs 1..30 and a valid chain', async () => {
      const workspaceId = randomUUID();
      const audit = t.app.get(AuditLog);
      const transactions = t.app.get(Transactions);
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          transactions.run(async (manager) => {
            // Something else of the transaction first, as the hooks do: the head lock is taken late.
            await manager.query('SELECT 1');
            return audit.append(manager, sampleEntry(workspaceId, i + 1));
          }),
        ),
      );
      const stored = await entriesOf(workspaceId);
      expect(stored.map((row) => row.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(new Set(stored.map((row) => row.targetId)).size).toBe(30);
      expect(await verifier.verify(workspaceId)).toMatchObject({ ok: true, checked: 30 });
    });
  });

  describe('verifying while entries are appended', () => {
    it('never reports a break that is only an append in flight', async () => {
      const workspaceId = randomUUID();
      const audit = t.app.get(AuditLog);
      const transactions = t.app.get(Transactions);
      let appending = true;
      const appends = Promise.all(
        Array.from({ length: 60 }, (_, i) => transactions.run((manager) => audit.append(manager, sampleEntry(workspaceId, i + 1)))),
      ).finally(() => {
        appending = false;
      });
      const results = [];
      do {
        results.push(await verifier.verify(workspaceId));
        // A turn of the event loop, as between two requests (SQLite's transaction queue needs one).
        await new Promise((resolve) => setImmediate(resolve));
      } while (appending);
      await appends;
      expect(results.length).toBeGreaterThan(1);
      expect(results.filter((result) => !result.ok)).toEqual([]);
      expect(await verifier.verify(workspaceId)).toMatchObject({ ok: true, checked: 60 });
    });
  });

  describe('append-only triggers', () => {
    it('refuse UPDATE and DELETE of entries', async () => {
      const [row] = await appendEntries(t.app, 1);
      await expect(rawQuery(dataSource, 'UPDATE audit_log SET action = ? WHERE id = ?', ['playbook.deleted', row!.id])).rejects.toThrow(/audit_log is append-only/);
      await expect(rawQuery(dataSource, 'DELETE FROM audit_log WHERE id = ?', [row!.id])).rejects.toThrow(/audit_log is append-only/);
      await expect(dataSource.getRepository(AuditEntryEntity).delete({ workspaceId: row!.workspaceId })).rejects.toThrow(/append-only/);
      if (kind === 'postgres') await expect(dataSource.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      expect(await entriesOf(row!.workspaceId)).toEqual([row]);
    });
  });

  describe('tampering (after dropping the triggers, as a database owner could)', () => {
    beforeAll(() => dropAuditTriggers(dataSource));

    const update = (id: string, set: Partial<Record<keyof AuditEntryEntity, unknown>>) =>
      dataSource.createQueryBuilder().update(AuditEntryEntity).set(set as never).where('id = :id', { id }).execute();

    /** A 5-entry chain: #3 is by a person and has details, #4 by the system without details. */
    async function chainOfFive() {
      const rows = await appendEntries(t.app, 5);
      return { rows, workspaceId: rows[0]!.workspaceId, third: rows[2]!, fourth: rows[3]! };
    }

    const changes: [string, (row: AuditEntryEntity) => Partial<Record<keyof AuditEntryEntity, unknown>>, RegExp][] = [
      ['id', () => ({ id: randomUUID() }), /^hash mismatch/],
      ['at', (row) => ({ at: new Date(row.at.getTime() + 1) }), /^hash mismatch/],
      ['actor_user_id', () => ({ actorUserId: randomUUID() }), /^hash mismatch/],
      ['actor_system', () => ({ actorSystem: 'bootstrap' }), /^hash mismatch/],
      ['action', () => ({ action: 'playbook.created' }), /^hash mismatch/],
      ['target_kind', () => ({ targetKind: 'scoringModel' }), /^hash mismatch/],
      ['target_id', () => ({ targetId: 'another-target' }), /^hash mismatch/],
      ['details (other JSON)', () => ({ details: '{"changed":["name"],"note":"entry 3","version":3}' }), /^hash mismatch/],
      ['details (added)', () => ({ details: '{}' }), /^hash mismatch/],
      ['details (not JSON)', () => ({ details: 'not json' }), /^hash mismatch.*not valid JSON/],
      ['prev_hash', () => ({ prevHash: 'f'.repeat(64) }), /^hash mismatch/],
      ['hash', () => ({ hash: 'e'.repeat(64) }), /^hash mismatch/],
      ['key_id', () => ({ keyId: '0123456789abcdef' }), /^unknown key id/],
    ];

    it.each(changes)('detects a changed %s and names the entry', async (_field, change, reason) => {
      const { workspaceId, third } = await chainOfFive();
      expect(third.actorUserId).not.toBeNull();
      expect(third.details).not.toBeNull();
      const set = change(third);
      await update(third.id, set);
      const result = await verifier.verify(workspaceId);
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toEqual({ seq: 3, id: (set.id as string | undefined) ?? third.id, reason: expect.stringMatching(reason) });
      expect(result.checked).toBe(2);
    });

    it('detects a changed system actor and absent details of a system entry', async () => {
      const { workspaceId, fourth } = await chainOfFive();
      expect(fourth.actorSystem).toBe('test harness');
      expect(fourth.details).toBeNull();
      await update(fourth.id, { actorSystem: 'bootstrap' });
      expect((await verifier.verify(workspaceId)).firstBroken).toEqual({ seq: 4, id: fourth.id, reason: expect.stringMatching(/^hash mismatch/) });
      await update(fourth.id, { actorSystem: 'test harness', details: '{"version":4}' });
      expect((await verifier.verify(workspaceId)).firstBroken).toEqual({ seq: 4, id: fourth.id, reason: expect.stringMatching(/^hash mismatch/) });
      await update(fourth.id, { details: null });
      expect((await verifier.verify(workspaceId)).ok).toBe(true);
    });

    it('detects a changed seq (the entry goes missing from its place)', async () => {
      const { workspaceId, third } = await chainOfFive();
      await update(third.id, { seq: 99 });
      expect((await verifier.verify(workspaceId)).firstBroken).toEqual({ seq: 3, id: null, reason: expect.stringMatching(/^missing seq: entry #3 is missing/) });
    });

    it('detects a changed workspace_id: a gap in its own chain, a foreign entry in the other', async () => {
      const { workspaceId, third } = await chainOfFive();
      const other = await appendEntries(t.app, 2);
      const otherWorkspace = other[0]!.workspaceId;
      await update(third.id, { workspaceId: otherWorkspace });
      expect((await verifier.verify(workspaceId)).firstBroken).toEqual({ seq: 3, id: null, reason: expect.stringMatching(/^missing seq/) });
      // In the other workspace it sits past that chain's head (#2), signed for another workspace.
      const inOther = await verifier.verify(otherWorkspace);
      expect(inOther.ok).toBe(false);
      expect(inOther.firstBroken).toEqual({ seq: 3, id: third.id, reason: expect.stringMatching(/^head mismatch: entry #3 is past the chain head/) });
    });

    it('detects a deleted middle entry', async () => {
      const { workspaceId, third } = await chainOfFive();
      await rawQuery(dataSource, 'DELETE FROM audit_log WHERE id = ?', [third.id]);
      expect(await verifier.verify(workspaceId)).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3, id: null, reason: expect.stringMatching(/^missing seq: entry #3 is missing \(the next stored entry is #4/) } });
    });

    it('detects deleted last entries (the chain head is ahead)', async () => {
      const { rows, workspaceId } = await chainOfFive();
      await rawQuery(dataSource, 'DELETE FROM audit_log WHERE id IN (?, ?)', [rows[3]!.id, rows[4]!.id]);
      const result = await verifier.verify(workspaceId);
      expect(result).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 4, id: null } });
      expect(result.firstBroken!.reason).toBe('head mismatch: the chain head is at #5 but the last entry is #3 (#4–#5 removed)');
    });

    it('detects a chain head moved back over entries still stored', async () => {
      const { rows, workspaceId } = await chainOfFive();
      await rawQuery(dataSource, 'UPDATE audit_chain_heads SET seq = ?, hash = ? WHERE workspace_id = ?', [4, rows[3]!.hash, workspaceId]);
      expect((await verifier.verify(workspaceId)).firstBroken).toEqual({ seq: 5, id: rows[4]!.id, reason: expect.stringMatching(/^head mismatch: entry #5 is past the chain head \(#4\)/) });
    });

    it('detects a removed chain head', async () => {
      const { workspaceId } = await chainOfFive();
      await rawQuery(dataSource, 'DELETE FROM audit_chain_heads WHERE workspace_id = ?', [workspaceId]);
      expect((await verifier.verify(workspaceId)).firstBroken).toEqual({ seq: 5, id: null, reason: expect.stringMatching(/^head mismatch: .*chain head is gone/) });
    });

    it('detects two swapped entries', async () => {
      const { rows, workspaceId } = await chainOfFive();
      const [second, third] = [rows[1]!, rows[2]!];
      await update(second.id, { seq: -2 });
      await update(third.id, { seq: 2 });
      await update(second.id, { seq: 3 });
      expect((await verifier.verify(workspaceId)).firstBroken).toEqual({ seq: 2, id: third.id, reason: expect.stringMatching(/^hash mismatch/) });
    });

    it('detects an entry swapped in whole (all columns) with its neighbour', async () => {
      const { rows, workspaceId } = await chainOfFive();
      const [second, third] = [rows[1]!, rows[2]!];
      // Move every column but the seq: the rows keep their places, their contents trade.
      const { seq: _s2, ...secondContent } = second;
      const { seq: _s3, ...thirdContent } = third;
      await update(second.id, { ...thirdContent, id: 'tmp-swap' });
      await update(third.id, secondContent);
      await update('tmp-swap', { id: third.id });
      const result = await verifier.verify(workspaceId);
      expect(result.firstBroken).toEqual({ seq: 2, id: third.id, reason: expect.stringMatching(/^hash mismatch/) });
    });

    it('detects a forged entry whose hash was recomputed with plain SHA-256 (no key)', async () => {
      const { rows, workspaceId } = await chainOfFive();
      const last = rows[4]!;
      const forged: AuditEntryEntity = {
        ...last,
        id: randomUUID(),
        seq: 6,
        at: new Date(),
        action: 'connection.deleted',
        details: '{"name":"crm"}',
        prevHash: last.hash,
        hash: '',
      };
      forged.hash = createHash('sha256').update(canonicalContent(contentOfRow(forged))).digest('hex');
      await dataSource.getRepository(AuditEntryEntity).insert(forged);
      await rawQuery(dataSource, 'UPDATE audit_chain_heads SET seq = ?, hash = ? WHERE workspace_id = ?', [6, forged.hash, workspaceId]);
      expect(await verifier.verify(workspaceId)).toMatchObject({ ok: false, checked: 5, firstBroken: { seq: 6, id: forged.id, reason: expect.stringMatching(/^hash mismatch/) } });
    });

    it('detects a forged replacement of a middle entry', async () => {
      const { rows, workspaceId, third } = await chainOfFive();
      await rawQuery(dataSource, 'DELETE FROM audit_log WHERE id = ?', [third.id]);
      const forged: AuditEntryEntity = { ...third, id: randomUUID(), action: 'playbook.created', hash: '' };
      forged.hash = createHash('sha256').update(canonicalContent(contentOfRow(forged))).digest('hex');
      await dataSource.getRepository(AuditEntryEntity).insert(forged);
      expect((await verifier.verify(workspaceId)).firstBroken).toEqual({ seq: 3, id: forged.id, reason: expect.stringMatching(/^hash mismatch/) });
      expect(rows).toHaveLength(5);
    });
  });

  describe('key rotation', () => {
    it('keeps entries signed under a previous key verifiable while that key is configured', async () => {
      const oldKey = t.config.secretKey;
      const newKey = randomBytes(32);
      const workspaceId = randomUUID();
      await appendEntries(t.app, 3, workspaceId);
      const rotatedLog = new AuditLog({ secretKey: newKey, previousSecretKeys: [oldKey] });
      await appendEntries(t.app, 2, workspaceId, rotatedLog);
      const stored = await entriesOf(workspaceId);
      expect(stored.map((row) => row.keyId)).toEqual([...Array(3).fill(auditKeyFrom(oldKey).id), ...Array(2).fill(auditKeyFrom(newKey).id)]);
      expect(await new AuditVerifier(dataSource, new AuditKeyring([newKey, oldKey])).verify(workspaceId)).toMatchObject({ ok: true, checked: 5 });
      // Without the old key the first entries can no longer be checked: named, not silently passed.
      expect((await new AuditVerifier(dataSource, new AuditKeyring([newKey])).verify(workspaceId)).firstBroken).toEqual({
        seq: 1,
        id: stored[0]!.id,
        reason: expect.stringMatching(/^unknown key id: entry #1 was signed with key [0-9a-f]{16}/),
      });
      // A key that merely has a known id cannot pass as another: a different secret fails the HMAC.
      expect((await new AuditVerifier(dataSource, new AuditKeyring([randomBytes(32)])).verify(workspaceId)).ok).toBe(false);
    });
  });
});
