import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UsersService } from '../src/auth/users.service';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { FrequencyCapClaimEntity } from '../src/frequency-caps/frequency-cap-claim.entity';
import { gql, login, loginAsAdmin } from './support/graphql-client';
import { internalRequest } from './support/internal-api';
import { startTestApp, TestApp } from './support/test-app';
import { databaseKindsUnderTest } from './support/test-databases';

// Starting the API (migrations, GraphQL schema) can take several seconds on a loaded CI machine.
jest.setTimeout(30_000);

const SETTINGS = `{ frequencyCaps { rules { channel max days } updatedAt } }`;
const SET = `mutation Set($rules: [FrequencyCapRuleInput!]!) { setFrequencyCaps(rules: $rules) { rules { channel max days } updatedAt } }`;
const DAY_MS = 86_400_000;

describe.each(databaseKindsUnderTest())('per-contact frequency caps on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;
  let adminToken: string;

  async function tokenOf(role: 'editor' | 'viewer') {
    const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
    const password = `password-${randomUUID()}`;
    const users = t.app.get(UsersService);
    const user = await users.create({ email, password, name: role });
    await users.setRole(user.id, workspaceId, role);
    return login(t.url, email, password, workspaceId);
  }

  const setRules = async (rules: unknown[]) => {
    const result = await gql(t.url, SET, { rules }, adminToken);
    expect(result.errors).toBeUndefined();
    return result.data.setFrequencyCaps;
  };

  /** A claim as the worker makes it before an outreach action. */
  const claim = (contactId: string, overrides: Record<string, unknown> = {}) =>
    internalRequest(t, 'POST', '/internal/frequency-caps/claim', {
      workspaceId,
      key: `tripline:${workspaceId}:${randomUUID()}:send:1`,
      contact: { kind: 'person', id: contactId },
      channel: 'email',
      playbookId: 'pb-nurture',
      runId: randomUUID(),
      priority: 50,
      ...overrides,
    });
  const commit = (key: string) => internalRequest(t, 'POST', '/internal/frequency-caps/commit', { workspaceId, key });
  const claimsOf = (contactId: string) =>
    t.app.get(DataSource).getRepository(FrequencyCapClaimEntity).find({ where: { workspaceId, contactKey: `person:${contactId}` }, order: { claimedAt: 'ASC' } });

  beforeAll(async () => {
    t = await startTestApp(kind);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    adminToken = await loginAsAdmin(t.url);
  });
  afterAll(async () => t?.close());

  describe('settings', () => {
    it('start empty; admins set them; every member reads them', async () => {
      const viewer = await tokenOf('viewer');
      expect((await gql(t.url, SETTINGS, {}, viewer)).data).toEqual({ frequencyCaps: { rules: [], updatedAt: null } });
      const saved = await setRules([
        { channel: 'all', max: 2, days: 7 },
        { channel: 'email', max: 1, days: 7 },
      ]);
      expect(saved.rules).toEqual([
        { channel: 'all', max: 2, days: 7 },
        { channel: 'email', max: 1, days: 7 },
      ]);
      expect((await gql(t.url, SETTINGS, {}, viewer)).data.frequencyCaps.rules).toHaveLength(2);
    });

    it('only admins change them', async () => {
      const editor = await tokenOf('editor');
      const refused = await gql(t.url, SET, { rules: [] }, editor);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('refuse a bad rule, naming the field', async () => {
      const zero = await gql(t.url, SET, { rules: [{ channel: 'email', max: 0, days: 7 }] }, adminToken);
      expect(zero.errors?.[0]).toMatchObject({ message: 'rules.0.max: max must be at least 1', extensions: { code: 'BAD_USER_INPUT' } });
      const twice = await gql(t.url, SET, { rules: [{ channel: 'crm', max: 1, days: 7 }, { channel: 'crm', max: 2, days: 1 }] }, adminToken);
      expect(twice.errors?.[0]?.message).toBe("rules.1.channel: channel 'crm' has two rules");
      const tooLong = await gql(t.url, SET, { rules: [{ channel: 'all', max: 1, days: 400 }] }, adminToken);
      expect(tooLong.errors?.[0]?.message).toBe('rules.0.days: days must be at most 365');
    });
  });

  describe('claims', () => {
    beforeAll(async () => {
      await setRules([{ channel: 'email', max: 1, days: 7 }]);
    });

    it('grant the first outreach, refuse the second within the window with when it may try again', async () => {
      const contact = randomUUID();
      const first = await claim(contact);
      expect(first).toEqual({ status: 200, body: { granted: true, state: 'reserved' } });
      const second = await claim(contact, { playbookId: 'pb-other' });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ granted: false, reason: 'frequency cap: the contact was already reached (at most 1 per 7 days on email)' });
      const [held] = await claimsOf(contact);
      expect(Date.parse(second.body.retryAt)).toBe(held!.claimedAt.getTime() + 7 * DAY_MS);
      // Another channel, and another contact, are not capped by the email rule.
      expect((await claim(contact, { channel: 'crm' })).body).toMatchObject({ granted: true });
      expect((await claim(randomUUID())).body).toMatchObject({ granted: true });
    });

    it('give a retried step its own claim back (idempotent per ledger key), reserved then committed', async () => {
      const contact = randomUUID();
      const key = `tripline:${workspaceId}:${randomUUID()}:send:1`;
      expect((await claim(contact, { key })).body).toEqual({ granted: true, state: 'reserved' });
      expect((await claim(contact, { key })).body).toEqual({ granted: true, state: 'reserved' });
      expect((await commit(key)).body).toEqual({ committed: true });
      expect((await claim(contact, { key })).body).toEqual({ granted: true, state: 'committed' });
      expect((await commit(key)).body).toEqual({ committed: true });
      expect(await claimsOf(contact)).toHaveLength(1);
    });

    it('let a higher-priority playbook take over a reservation not yet sent; the loser learns it at commit', async () => {
      const contact = randomUUID();
      const low = `tripline:${workspaceId}:${randomUUID()}:nurture:1`;
      const high = `tripline:${workspaceId}:${randomUUID()}:pql:1`;
      expect((await claim(contact, { key: low, priority: 10, playbookId: 'pb-nurture' })).body).toMatchObject({ granted: true });
      // Equal priority does not take over.
      expect((await claim(contact, { priority: 10, playbookId: 'pb-same' })).body).toMatchObject({ granted: false });
      expect((await claim(contact, { key: high, priority: 90, playbookId: 'pb-pql' })).body).toEqual({ granted: true, state: 'reserved', tookOverFrom: low });
      expect((await commit(low)).body).toEqual({
        committed: false,
        reason: 'frequency cap: the contact was taken over by playbook pb-pql (priority 90 > 10) before this step sent anything',
      });
      expect((await commit(high)).body).toEqual({ committed: true });
      // A sent (committed) outreach is never taken over, whatever the priority.
      expect((await claim(contact, { priority: 100, playbookId: 'pb-urgent' })).body).toMatchObject({ granted: false });
      // The loser, claiming again (e.g. after waiting), is refused while the window is full.
      expect((await claim(contact, { key: low, priority: 10 })).body).toMatchObject({ granted: false });
      expect((await claimsOf(contact)).map((row) => row.state)).toEqual(['lost', 'committed']);
    });

    it('a higher-priority claim does not take over a reservation that committed first', async () => {
      const contact = randomUUID();
      const low = `tripline:${workspaceId}:${randomUUID()}:nurture:1`;
      await claim(contact, { key: low, priority: 10 });
      expect((await commit(low)).body).toEqual({ committed: true });
      expect((await claim(contact, { priority: 90 })).body).toMatchObject({ granted: false });
    });

    it('let exactly one of many concurrent claims for a contact through', async () => {
      const contact = randomUUID();
      const answers = await Promise.all(Array.from({ length: 12 }, () => claim(contact)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200));
      expect(answers.filter((answer) => answer.body.granted)).toHaveLength(1);
      expect(await claimsOf(contact)).toHaveLength(1);
    });

    it('let exactly one of concurrent different-priority claims win, and never two', async () => {
      const contact = randomUUID();
      const answers = await Promise.all(Array.from({ length: 8 }, (_, index) => claim(contact, { priority: 10 * index, playbookId: `pb-${index}` })));
      expect(answers.every((answer) => answer.status === 200)).toBe(true);
      const rows = await claimsOf(contact);
      // Takeovers may happen along the way, but only one claim holds the contact in the end.
      expect(rows.filter((row) => row.state !== 'lost')).toHaveLength(1);
    });

    it('refuse a malformed claim naming the field, and callers without the internal token', async () => {
      const bad = await claim(randomUUID(), { channel: 'fax' });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/^Invalid frequency cap claim: channel: /);
      const noToken = await internalRequest(t, 'POST', '/internal/frequency-caps/claim', {}, null);
      expect(noToken.status).toBe(401);
      expect((await commit('never-claimed')).body).toEqual({ committed: false, reason: 'no frequency cap claim under never-claimed: claim before committing' });
    });
  });

  describe('across channels', () => {
    it('an "all" rule counts every channel together', async () => {
      await setRules([{ channel: 'all', max: 2, days: 7 }]);
      const contact = randomUUID();
      expect((await claim(contact, { channel: 'email' })).body).toMatchObject({ granted: true });
      expect((await claim(contact, { channel: 'slack' })).body).toMatchObject({ granted: true });
      const third = await claim(contact, { channel: 'crm' });
      expect(third.body).toMatchObject({ granted: false, reason: 'frequency cap: the contact was already reached (at most 2 per 7 days across all channels)' });
    });

    it('without rules nothing is capped, and claims are still recorded', async () => {
      await setRules([]);
      const contact = randomUUID();
      for (let index = 0; index < 3; index++) expect((await claim(contact)).body).toMatchObject({ granted: true });
      expect(await claimsOf(contact)).toHaveLength(3);
    });
  });
});
