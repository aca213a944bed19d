import { randomUUID } from 'node:crypto';
import { UsersService } from '../src/auth/users.service';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { gql, login, loginAsAdmin } from './support/graphql-client';
import { internalRequest } from './support/internal-api';
import { startTestApp, TestApp } from './support/test-app';
import { databaseKindsUnderTest } from './support/test-databases';

jest.setTimeout(30_000);

const LIST = `query List($search: String) { emailSuppressions(search: $search) { email reason detail sourceRunId createdAt } }`;
const ADD = `mutation Add($email: String!, $note: String) { addEmailSuppression(email: $email, note: $note) { email reason detail } }`;
const REMOVE = `mutation Remove($email: String!) { removeEmailSuppression(email: $email) }`;

describe.each(databaseKindsUnderTest())('email suppression list on %s', (kind) => {
  let t: TestApp;
  let workspaceId: string;
  let adminToken: string;

  const check = (emails: string[], workspace = workspaceId) => internalRequest(t, 'POST', '/internal/suppressions/check', { workspaceId: workspace, emails });

  async function tokenOf(role: 'editor' | 'viewer') {
    const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
    const password = `password-${randomUUID()}`;
    const users = t.app.get(UsersService);
    const user = await users.create({ email, password, name: role });
    await users.setRole(user.id, workspaceId, role);
    return login(t.url, email, password, workspaceId);
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    adminToken = await loginAsAdmin(t.url);
  });
  afterAll(async () => t?.close());

  it('admins add an address (normalized, idempotent), every member lists it, the worker sees it', async () => {
    const added = await gql(t.url, ADD, { email: '  Manual@Example.COM ', note: 'asked by phone' }, adminToken);
    expect(added.errors).toBeUndefined();
    expect(added.data.addEmailSuppression).toEqual({ email: 'manual@example.com', reason: 'manual', detail: 'asked by phone' });
    const again = await gql(t.url, ADD, { email: 'manual@example.com', note: 'second time' }, adminToken);
    expect(again.data.addEmailSuppression.detail).toBe('asked by phone');

    const viewer = await tokenOf('viewer');
    const listed = await gql(t.url, LIST, { search: 'MANUAL' }, viewer);
    expect(listed.data.emailSuppressions.map((row: { email: string }) => row.email)).toEqual(['manual@example.com']);

    expect((await check(['MANUAL@example.com', 'other@example.com'])).body).toEqual({ suppressed: [{ email: 'manual@example.com', reason: 'manual' }] });
  });

  it('admins remove an address; then the worker may send to it again', async () => {
    await gql(t.url, ADD, { email: 'gone-soon@example.com' }, adminToken);
    expect((await check(['gone-soon@example.com'])).body.suppressed).toHaveLength(1);
    expect((await gql(t.url, REMOVE, { email: 'Gone-Soon@example.com' }, adminToken)).data).toEqual({ removeEmailSuppression: true });
    expect((await gql(t.url, REMOVE, { email: 'gone-soon@example.com' }, adminToken)).data).toEqual({ removeEmailSuppression: false });
    expect((await check(['gone-soon@example.com'])).body).toEqual({ suppressed: [] });
  });

  it('only admins change it, and a bad address is named', async () => {
    const editor = await tokenOf('editor');
    expect((await gql(t.url, ADD, { email: 'x@example.com' }, editor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(t.url, REMOVE, { email: 'x@example.com' }, editor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await gql(t.url, ADD, { email: 'not an address' }, adminToken);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toBe('email is not an email address');
    expect((await check(['x@example.com'])).body).toEqual({ suppressed: [] });
  });

  it('the worker reports hard bounces with the run and message they came from', async () => {
    const runId = randomUUID();
    const added = await internalRequest(t, 'POST', '/internal/suppressions', {
      workspaceId,
      entries: [{ email: 'Bounced@Example.com', reason: 'hardBounce', detail: '550 5.1.1 No such user' }],
      runId,
      key: 'tripline:ws:run:send:1',
    });
    expect(added).toEqual({ status: 200, body: { suppressed: ['bounced@example.com'] } });
    const listed = await gql(t.url, LIST, { search: 'bounced' }, adminToken);
    expect(listed.data.emailSuppressions).toEqual([
      { email: 'bounced@example.com', reason: 'hardBounce', detail: '550 5.1.1 No such user', sourceRunId: runId, createdAt: expect.any(String) },
    ]);
    expect((await check(['bounced@example.com'])).body.suppressed).toEqual([{ email: 'bounced@example.com', reason: 'hardBounce' }]);
  });

  it('is scoped to the workspace', async () => {
    await internalRequest(t, 'POST', '/internal/suppressions', {
      workspaceId: 'another-workspace',
      entries: [{ email: 'elsewhere@example.com', reason: 'hardBounce', detail: '550' }],
    });
    expect((await check(['elsewhere@example.com'])).body).toEqual({ suppressed: [] });
    expect((await check(['elsewhere@example.com'], 'another-workspace')).body.suppressed).toHaveLength(1);
    const listed = await gql(t.url, LIST, { search: 'elsewhere' }, adminToken);
    expect(listed.data.emailSuppressions).toEqual([]);
  });

  it('the worker API needs the internal token and names bad input', async () => {
    expect((await internalRequest(t, 'POST', '/internal/suppressions/check', { workspaceId, emails: ['a@example.com'] }, null)).status).toBe(401);
    const bad = await internalRequest(t, 'POST', '/internal/suppressions', { workspaceId, entries: [{ email: 'nope', reason: 'hardBounce', detail: '' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Invalid suppression: entries.0.email: is not an email address');
    const unsubscribeByWorker = await internalRequest(t, 'POST', '/internal/suppressions', {
      workspaceId,
      entries: [{ email: 'a@example.com', reason: 'unsubscribe', detail: '' }],
    });
    expect(unsubscribeByWorker.status).toBe(400);
  });
});
