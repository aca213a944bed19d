import { randomUUID } from 'node:crypto';
import { ChangeRequestLinks } from '../src/governance/links/change-request-links';
import {
  createPlaybook,
  decide,
  errorOf,
  ok,
  OPS,
  playbookDocument,
  readRequest,
  startGovernanceApp,
  storePolicy,
  submit,
  type GovernanceApp,
} from './governance-support/governance-app';
import { gql } from './support/graphql-client';
import { internalRequest } from './support/internal-api';
import { databaseKindsUnderTest } from './support/test-databases';

jest.setTimeout(120_000);

/**
 * The changeApproval workflow's side of the API (`/internal/change-requests/:id/*`) and the signed
 * links in approver emails, called the way the worker and the designer call them.
 */
describe.each(databaseKindsUnderTest())('approval notifications, escalation, expiry and signed links on %s', (kind) => {
  let g: GovernanceApp;

  beforeAll(async () => {
    g = await startGovernanceApp(kind);
    // Ann approves; after the timeout the level escalates to Bob as well.
    await storePolicy(g, {
      levels: [{ name: 'Owner', approvers: { users: [g.ann.id] }, escalateTo: { users: [g.bob.id] }, required: 1, when: { always: true }, timeout: '1h', reminderEvery: '20m' }],
      notifications: { emailConnection: 'default-email', linkValidFor: '2d' },
    });
  });

  afterAll(async () => {
    await g?.t.close();
  });

  const newRequest = async (title: string) => {
    const id = await createPlaybook(g, g.ed, `Links ${randomUUID().slice(0, 6)}`, playbookDocument(`E ${randomUUID()}`));
    return ok(await submit(g, g.ed, { kind: 'publishPlaybook', targetId: id, title }), 'submit').submitChangeRequest;
  };
  const notifications = (id: string, body: Record<string, unknown>) =>
    internalRequest(g.t, 'POST', `/internal/change-requests/${id}/notifications`, { workspaceId: g.workspaceId, attempt: 1, level: 0, reason: 'opened', sequence: 0, ...body });
  const timeout = (id: string, what: 'escalate' | 'expire', body: Record<string, unknown> = {}) =>
    internalRequest(g.t, 'POST', `/internal/change-requests/${id}/${what}`, { workspaceId: g.workspaceId, attempt: 1, level: 0, ...body });
  const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

  it('emails each eligible approver a signed link that opens the request for them only', async () => {
    const request = await newRequest('Ship the <new> follow-up');
    const opened = await notifications(request.id, {});
    expect(opened.status).toBe(200);
    expect(opened.body.status).toBe('ok');
    expect(opened.body.connection).toBe('default-email');
    // The level's listed user and the admin (admins may always decide); not the requester, not bob (yet).
    expect(opened.body.messages.map((m: { userId: string }) => m.userId).sort()).toEqual([g.ann.id, g.admin.id].sort());
    const toAnn = opened.body.messages.find((m: { userId: string }) => m.userId === g.ann.id);
    expect(toAnn).toMatchObject({ key: `change:${request.id}:1:0:opened:0:${g.ann.id}`, to: g.ann.email, subject: 'Approval needed: Ship the <new> follow-up' });
    expect(toAnn.html).toContain('Ship the &lt;new&gt; follow-up');
    const link = /Review and decide: (\S+)/.exec(toAnn.text)![1]!;
    expect(link.startsWith(`https://designer.example.test/approvals/change-requests/${request.id}?token=`)).toBe(true);

    const mine = ok(await gql(g.t.url, OPS.openLink, { token: tokenOf(link) }, g.ann.token), 'openChangeRequestLink').openChangeRequestLink;
    expect(mine).toMatchObject({ id: request.id, canDecide: true });

    expect(errorOf(await gql(g.t.url, OPS.openLink, { token: tokenOf(link) }, g.bob.token))).toEqual({
      code: 'FORBIDDEN',
      message: 'This approval link was sent to another user: open your own email’s link, or the approvals inbox',
    });
    const [payload, signature] = tokenOf(link).split('.');
    const claim = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claim, u: g.bob.id })).toString('base64url');
    expect(errorOf(await gql(g.t.url, OPS.openLink, { token: `${forged}.${signature}` }, g.bob.token))).toEqual({
      code: 'FORBIDDEN',
      message: 'This approval link is not valid: it was changed, or it was not issued by this server',
    });
    expect(errorOf(await gql(g.t.url, OPS.openLink, { token: 'garbage' }, g.ann.token)).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await gql(g.t.url, OPS.openLink, { token: tokenOf(link) })).code).toBe('UNAUTHENTICATED');

    const links = g.t.app.get(ChangeRequestLinks);
    const expired = links.linkFor({ workspaceId: g.workspaceId, requestId: request.id, userId: g.ann.id }, '1h', new Date(Date.now() - 2 * 3_600_000));
    const refusal = errorOf(await gql(g.t.url, OPS.openLink, { token: tokenOf(expired.url) }, g.ann.token));
    expect(refusal.code).toBe('FORBIDDEN');
    expect(refusal.message).toMatch(/^This approval link expired at .*: open the request from the approvals inbox instead$/);
    const elsewhere = links.linkFor({ workspaceId: randomUUID(), requestId: request.id, userId: g.ann.id }, '1h');
    expect(errorOf(await gql(g.t.url, OPS.openLink, { token: tokenOf(elsewhere.url) }, g.ann.token)).message).toMatch(/belongs to another workspace/);

    // Reminders skip whoever decided; a decided request is stale for the workflow.
    ok(await decide(g, g.ann, request.id, 'APPROVE'), 'decide');
    const after = await notifications(request.id, { reason: 'reminder', sequence: 1 });
    expect(after.body).toEqual({ status: 'stale', connection: null, messages: [] });
  });

  it('escalates a level to its escalateTo approvers once, and answers stale for another attempt or level', async () => {
    const request = await newRequest('Escalate me');
    expect(errorOf(await decide(g, g.bob, request.id, 'APPROVE')).code).toBe('FORBIDDEN');
    expect((await timeout(request.id, 'escalate', { attempt: 2 })).body).toEqual({ status: 'stale' });
    expect((await timeout(request.id, 'escalate', { level: 1 })).body).toEqual({ status: 'stale' });
    expect((await notifications(request.id, { attempt: 2 })).body.status).toBe('stale');

    expect((await timeout(request.id, 'escalate')).body).toEqual({ status: 'escalated' });
    expect((await timeout(request.id, 'escalate')).body).toEqual({ status: 'escalated' });
    const escalated = await readRequest(g, g.bob, request.id);
    expect(escalated.levels[0]).toMatchObject({ escalated: true });
    expect(escalated.levels[0].eligibleApprovers.map((u: { id: string }) => u.id).sort()).toEqual([g.ann.id, g.bob.id, g.admin.id].sort());
    expect(escalated.canDecide).toBe(true);

    const notice = await notifications(request.id, { reason: 'escalated' });
    const toBob = notice.body.messages.find((m: { userId: string }) => m.userId === g.bob.id);
    expect(toBob).toMatchObject({ subject: 'Escalated: approval needed: Escalate me', key: `change:${request.id}:1:0:escalated:0:${g.bob.id}` });

    expect(ok(await decide(g, g.bob, request.id, 'APPROVE'), 'decide').decideChangeRequest.status).toBe('published');
    const audit = ok(await gql(g.t.url, OPS.auditLog, { targetId: request.id }, g.admin.token), 'auditLog').auditLog.entries;
    expect(audit.find((entry: { action: string }) => entry.action === 'changeRequest.escalated')).toMatchObject({ system: 'changeApproval workflow', actor: null });
    expect(audit.filter((entry: { action: string }) => entry.action === 'changeRequest.escalated')).toHaveLength(1);
  });

  it('expires a level that ran out of time; the request can be resubmitted as a new attempt', async () => {
    const request = await newRequest('Expire me');
    expect((await timeout(request.id, 'expire')).body).toEqual({ status: 'expired' });
    // A retried expiry (its first answer lost) gets the same answer, so the workflow ends; one audit entry.
    expect((await timeout(request.id, 'expire')).body).toEqual({ status: 'expired' });
    expect((await timeout(request.id, 'escalate')).body).toEqual({ status: 'stale' });
    const expired = await readRequest(g, g.ed, request.id);
    expect(expired).toMatchObject({ status: 'expired', canResubmit: true });
    expect(expired.closedReason).toBe('Level "Owner" timed out after 1h without enough approvals');
    expect(errorOf(await decide(g, g.ann, request.id, 'APPROVE')).message).toBe('This change request is expired: there is nothing to decide');

    const again = ok(await gql(g.t.url, OPS.resubmit, { id: request.id }, g.ed.token), 'resubmit').resubmitChangeRequest;
    expect(again).toMatchObject({ status: 'pending', attempt: 2 });
    // The first attempt's timers are stale now; the second's are current.
    expect((await timeout(request.id, 'expire')).body).toEqual({ status: 'stale' });
    expect((await notifications(request.id, { attempt: 2 })).body.status).toBe('ok');
    const actions = ok(await gql(g.t.url, OPS.auditLog, { targetId: request.id }, g.admin.token), 'auditLog').auditLog.entries.map((e: { action: string }) => e.action);
    expect(actions.reverse()).toEqual(['changeRequest.submitted', 'changeRequest.expired', 'changeRequest.resubmitted']);
    ok(await gql(g.t.url, OPS.recall, { id: request.id }, g.ed.token), 'recall');
  });

  it('guards the internal endpoints and checks their bodies', async () => {
    const request = await newRequest('Guarded');
    const noToken = await internalRequest(g.t, 'POST', `/internal/change-requests/${request.id}/escalate`, { workspaceId: g.workspaceId, attempt: 1, level: 0 }, null);
    expect(noToken.status).toBe(401);
    const badBody = await internalRequest(g.t, 'POST', `/internal/change-requests/${request.id}/notifications`, { workspaceId: g.workspaceId, attempt: 0, level: 0, reason: 'later', sequence: 0 });
    expect(badBody.status).toBe(400);
    expect(badBody.body.message).toMatch(/^Invalid change notifications request: attempt: .*; reason: /);
    expect((await timeout(randomUUID(), 'expire')).status).toBe(404);
    // Another workspace's id is as unknown as a made-up one.
    expect((await internalRequest(g.t, 'POST', `/internal/change-requests/${request.id}/expire`, { workspaceId: randomUUID(), attempt: 1, level: 0 })).status).toBe(404);
    ok(await gql(g.t.url, OPS.recall, { id: request.id }, g.ed.token), 'recall');
  });

  it('sends nothing when the policy names no email connection, and refuses to escalate a level without escalateTo', async () => {
    await storePolicy(g, {
      levels: [{ name: 'Approval', approvers: { roles: ['approver'] }, required: 1, when: { always: true }, timeout: '1h' }],
      notifications: { emailConnection: null, linkValidFor: '1d' },
    });
    const request = await newRequest('Quiet');
    expect((await notifications(request.id, {})).body).toEqual({ status: 'ok', connection: null, messages: [] });
    expect((await timeout(request.id, 'escalate')).status).toBe(409);
    ok(await gql(g.t.url, OPS.recall, { id: request.id }, g.ed.token), 'recall');
  });
});
