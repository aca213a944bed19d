import { randomUUID } from 'node:crypto';
import { demoRequestFollowUp } from '@tripline/playbook';
import type { Role } from '../src/auth/principal';
import { UsersService } from '../src/auth/users.service';
import { BootstrapService } from '../src/bootstrap/bootstrap.service';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { gql, login, loginAsAdmin } from './support/graphql-client';
import { databaseKindsUnderTest } from './support/test-databases';
import { startTestApp, TEST_ADMIN_EMAIL, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

const MEMBER_FIELDS = `id email name role joinedAt`;
const MEMBERS = `{ workspaceMembers { ${MEMBER_FIELDS} } }`;
const ADD = `mutation($input: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $input) { ${MEMBER_FIELDS} } }`;
const CHANGE = `mutation($userId: ID!, $role: Role!) { changeMemberRole(userId: $userId, role: $role) { ${MEMBER_FIELDS} } }`;
const REMOVE = `mutation($userId: ID!) { removeWorkspaceMember(userId: $userId) }`;
const ME = `{ me { user { id } workspace { id name } role } }`;
const MY_WORKSPACES = `{ myWorkspaces { id name role } }`;
const SWITCH = `mutation($workspaceId: ID!) { switchWorkspace(workspaceId: $workspaceId) { token role user { id email } workspace { id name } } }`;
const AUDIT = `query($targetId: String) { auditLog(targetId: $targetId) { entries { action actor { id } targetKind targetId details } } }`;
const CREATE_PLAYBOOK = `mutation($name: String!) { createPlaybook(input: { name: $name }) { id } }`;
const PLAYBOOKS = `{ playbooks { id } }`;

interface Person {
  id: string;
  email: string;
  password: string;
  token: string;
}

describe.each(databaseKindsUnderTest())('workspace members on %s', (kind) => {
  let t: TestApp;
  let users: UsersService;
  let workspaceId: string;
  let adminToken: string;
  let adminId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    users = t.app.get(UsersService);
    workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
    adminToken = await loginAsAdmin(t.url);
    adminId = (await gql(t.url, ME, {}, adminToken)).data.me.user.id;
  });
  afterAll(async () => t?.close());

  /** A user with `role` in the workspace (through the service, as first-start seeding does). */
  async function person(role: Role, inWorkspace = workspaceId, name: string = role): Promise<Person> {
    const email = `${name}-${randomUUID().slice(0, 8)}@example.test`;
    const password = `password-${randomUUID()}`;
    const user = await users.create({ email, password, name });
    await users.setRole(user.id, inWorkspace, role);
    return { id: user.id, email, password, token: await login(t.url, email, password, inWorkspace) };
  }

  const auditOf = async (targetId: string) => {
    const result = await gql(t.url, AUDIT, { targetId }, adminToken);
    expect(result.errors).toBeUndefined();
    return result.data.auditLog.entries as { action: string; actor: { id: string }; targetKind: string; targetId: string; details: unknown }[];
  };

  describe('the member list', () => {
    it('shows every member with their role and when they joined, to every role', async () => {
      const viewer = await person('viewer');
      const result = await gql(t.url, MEMBERS, {}, viewer.token);
      expect(result.errors).toBeUndefined();
      const members = result.data.workspaceMembers as { id: string; email: string; role: Role; joinedAt: string }[];
      expect(members[0]).toEqual({ id: adminId, email: TEST_ADMIN_EMAIL, name: 'Admin', role: 'admin', joinedAt: expect.any(String) });
      expect(members).toContainEqual({ id: viewer.id, email: viewer.email, name: 'viewer', role: 'viewer', joinedAt: expect.any(String) });
      expect(Date.parse(members.find((m) => m.id === viewer.id)!.joinedAt)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('shows only the members of the caller’s workspace', async () => {
      const other = await t.app.get(WorkspacesService).create('Members elsewhere', `wk_${randomUUID()}`);
      const outsider = await person('admin', other.id, 'outsider');
      const ids = (await gql(t.url, MEMBERS, {}, adminToken)).data.workspaceMembers.map((m: { id: string }) => m.id);
      expect(ids).not.toContain(outsider.id);
      expect((await gql(t.url, MEMBERS, {}, outsider.token)).data.workspaceMembers).toEqual([expect.objectContaining({ id: outsider.id, role: 'admin' })]);
    });
  });

  describe('adding members', () => {
    it('creates an unknown user with the given password and role, audited', async () => {
      const email = `New.Person-${randomUUID().slice(0, 6)}@Example.test`;
      const added = await gql(t.url, ADD, { input: { email, name: 'New Person', role: 'editor', password: 'a fine password' } }, adminToken);
      expect(added.errors).toBeUndefined();
      const member = added.data.addWorkspaceMember;
      expect(member).toEqual({ id: expect.any(String), email: email.toLowerCase(), name: 'New Person', role: 'editor', joinedAt: expect.any(String) });

      const token = await login(t.url, email, 'a fine password');
      expect((await gql(t.url, ME, {}, token)).data.me).toMatchObject({ workspace: { id: workspaceId }, role: 'editor' });
      expect(await auditOf(member.id)).toEqual([
        { action: 'member.added', actor: { id: adminId }, targetKind: 'user', targetId: member.id, details: { email: email.toLowerCase(), from: null, to: 'editor', newUser: true } },
      ]);
    });

    it('adds an existing user of another workspace by email; their password stays theirs', async () => {
      const other = await t.app.get(WorkspacesService).create('Their own workspace', `wk_${randomUUID()}`);
      const existing = await person('admin', other.id, 'existing');

      const withPassword = await gql(t.url, ADD, { input: { email: existing.email, role: 'approver', password: 'an attacker password' } }, adminToken);
      expect(withPassword.errors?.[0]).toMatchObject({
        message: `password: ${existing.email} already has an account and signs in with their own password; leave password out to add them`,
        extensions: { code: 'BAD_USER_INPUT', field: 'input.password' },
      });
      await expect(login(t.url, existing.email, 'an attacker password')).rejects.toThrow(/Invalid email or password/);
      expect(await users.roleIn(existing.id, workspaceId)).toBeUndefined();

      const added = await gql(t.url, ADD, { input: { email: existing.email.toUpperCase(), name: 'Ignored', role: 'approver' } }, adminToken);
      expect(added.errors).toBeUndefined();
      expect(added.data.addWorkspaceMember).toMatchObject({ id: existing.id, email: existing.email, name: 'existing', role: 'approver' });
      const token = await login(t.url, existing.email, existing.password, workspaceId);
      expect((await gql(t.url, ME, {}, token)).data.me.role).toBe('approver');
      expect((await auditOf(existing.id)).map((e) => e.details)).toEqual([{ email: existing.email, from: null, to: 'approver', newUser: false }]);
    });

    it('refuses a new user without a (long enough) password, a malformed email and someone already a member, naming the field', async () => {
      const member = await person('operator');
      const fresh = `fresh-${randomUUID().slice(0, 8)}@example.test`;
      const cases: [Record<string, unknown>, string][] = [
        [{ email: fresh, role: 'viewer' }, `password: no user has the email ${fresh} yet; give a password to create their account`],
        [{ email: fresh, role: 'viewer', password: 'short' }, 'password: must be at least 8 characters'],
        [{ email: 'not-an-email', role: 'viewer', password: 'long enough password' }, 'email: must be an email address'],
        [{ email: member.email, role: 'viewer' }, `email: ${member.email} is already a member of this workspace (role operator); change their role with changeMemberRole`],
      ];
      for (const [input, message] of cases) {
        const result = await gql(t.url, ADD, { input }, adminToken);
        expect({ input, error: result.errors?.[0] }).toEqual({ input, error: expect.objectContaining({ message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }) });
      }
      expect(await users.findByEmail(fresh)).toBeNull();
      expect(await users.roleIn(member.id, workspaceId)).toBe('operator');
    });
  });

  describe('changing roles and removing members', () => {
    it("changes a member's role, which applies to their current token at once, audited old → new", async () => {
      const ed = await person('editor');
      expect((await gql(t.url, CREATE_PLAYBOOK, { name: 'Before the change' }, ed.token)).errors).toBeUndefined();

      const changed = await gql(t.url, CHANGE, { userId: ed.id, role: 'viewer' }, adminToken);
      expect(changed.errors).toBeUndefined();
      expect(changed.data.changeMemberRole).toMatchObject({ id: ed.id, role: 'viewer' });
      const denied = await gql(t.url, CREATE_PLAYBOOK, { name: 'After the change' }, ed.token);
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      // The same role again changes nothing and writes no entry.
      expect((await gql(t.url, CHANGE, { userId: ed.id, role: 'viewer' }, adminToken)).errors).toBeUndefined();
      expect(await auditOf(ed.id)).toEqual([
        { action: 'member.roleChanged', actor: { id: adminId }, targetKind: 'user', targetId: ed.id, details: { email: ed.email, from: 'editor', to: 'viewer' } },
      ]);
    });

    it('removes a member: their token stops working, their account stays, audited', async () => {
      const op = await person('operator');
      const removed = await gql(t.url, REMOVE, { userId: op.id }, adminToken);
      expect(removed).toMatchObject({ data: { removeWorkspaceMember: true } });
      expect((await gql(t.url, ME, {}, op.token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(await users.findById(op.id)).not.toBeNull();
      expect(await auditOf(op.id)).toEqual([
        { action: 'member.removed', actor: { id: adminId }, targetKind: 'user', targetId: op.id, details: { email: op.email, from: 'operator', to: null } },
      ]);
      expect((await gql(t.url, REMOVE, { userId: op.id }, adminToken)).errors?.[0]).toMatchObject({ message: `Member ${op.id} not found`, extensions: { code: 'NOT_FOUND' } });
    });

    it('refuses changing or removing yourself, and answers NOT_FOUND for users outside the workspace; refusals are not audited', async () => {
      const other = await t.app.get(WorkspacesService).create('Outside', `wk_${randomUUID()}`);
      const outsider = await person('viewer', other.id, 'outsider');
      const cases: [string, Record<string, unknown>, string, string][] = [
        [CHANGE, { userId: adminId, role: 'editor' }, 'FORBIDDEN', 'You cannot change your own role; another admin can'],
        [REMOVE, { userId: adminId }, 'FORBIDDEN', 'You cannot remove yourself from the workspace; another admin can'],
        [CHANGE, { userId: outsider.id, role: 'editor' }, 'NOT_FOUND', `Member ${outsider.id} not found`],
        [REMOVE, { userId: outsider.id }, 'NOT_FOUND', `Member ${outsider.id} not found`],
      ];
      for (const [document, variables, code, message] of cases) {
        const result = await gql(t.url, document, variables, adminToken);
        expect({ variables, error: result.errors?.[0] }).toEqual({ variables, error: expect.objectContaining({ message, extensions: { code } }) });
      }
      expect(await users.roleIn(adminId, workspaceId)).toBe('admin');
      expect(await users.roleIn(outsider.id, other.id)).toBe('viewer');
      expect(await auditOf(adminId)).toEqual([]);
      expect(await auditOf(outsider.id)).toEqual([]);
    });

    it('never leaves a workspace without an admin: two admins demoting each other at once, one wins', async () => {
      const other = await t.app.get(WorkspacesService).create('Two admins', `wk_${randomUUID()}`);
      const ada = await person('admin', other.id, 'ada');
      const bea = await person('admin', other.id, 'bea');
      const [first, second] = await Promise.all([
        gql(t.url, CHANGE, { userId: bea.id, role: 'editor' }, ada.token),
        gql(t.url, CHANGE, { userId: ada.id, role: 'editor' }, bea.token),
      ]);
      const outcomes = [first, second].map((result) => result.errors?.[0]?.extensions?.code ?? 'ok').sort();
      expect(outcomes).toEqual(['FORBIDDEN', 'ok']);
      const loser = [first, second].find((result) => result.errors)!;
      // Refused by the guard, or — when both got past it — by the re-check inside the transaction.
      expect(loser.errors![0]!.message).toMatch(/^(This|Changing members) needs the role admin; you are editor$/);
      const roles = [await users.roleIn(ada.id, other.id), await users.roleIn(bea.id, other.id)].sort();
      expect(roles).toEqual(['admin', 'editor']);
    });

    it('refuses every membership change while the caller has a pending change request, until it is recalled', async () => {
      const other = await t.app.get(WorkspacesService).create('Pending request', `wk_${randomUUID()}`);
      const ada = await person('admin', other.id, 'ada');
      const bea = await person('admin', other.id, 'bea');
      const ann = await person('approver', other.id, 'ann');
      const policy = { levels: [{ name: 'Approval', approvers: { roles: ['approver'] }, required: 1, when: { always: true }, timeout: '3d' }] };
      expect((await gql(t.url, `mutation($policy: JSON!) { updateApprovalPolicy(policy: $policy) { version } }`, { policy }, ada.token)).errors).toBeUndefined();
      const definition = JSON.parse(JSON.stringify(demoRequestFollowUp));
      const created = await gql(t.url, `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`, { input: { name: 'Needs approval', definition } }, ada.token);
      const playbookId = created.data.createPlaybook.id;
      const submitted = await gql(
        t.url,
        `mutation($input: SubmitChangeRequestInput!) { submitChangeRequest(input: $input) { id status } }`,
        { input: { kind: 'publishPlaybook', targetId: playbookId } },
        ada.token,
      );
      expect(submitted.errors).toBeUndefined();
      expect(submitted.data.submitChangeRequest.status).toBe('pending');

      // ada could otherwise make a friend approver, or take ann (the only approver) out of the way.
      const fresh = `friend-${randomUUID().slice(0, 6)}@example.test`;
      for (const [document, variables] of [
        [ADD, { input: { email: fresh, role: 'approver', password: 'long enough password' } }],
        [CHANGE, { userId: ann.id, role: 'viewer' }],
        [REMOVE, { userId: ann.id }],
      ] as const) {
        const result = await gql(t.url, document, variables, ada.token);
        expect(result.errors?.[0]).toMatchObject({
          message: 'You have a pending change request; the approver list cannot change until it is decided or recalled',
          extensions: { code: 'FORBIDDEN' },
        });
      }
      expect(await users.findByEmail(fresh)).toBeNull();
      expect(await users.roleIn(ann.id, other.id)).toBe('approver');
      const annAudit = await gql(t.url, AUDIT, { targetId: ann.id }, ada.token);
      expect(annAudit.data.auditLog.entries).toEqual([]);

      // Another admin, with no request of their own, may.
      expect((await gql(t.url, CHANGE, { userId: ann.id, role: 'editor' }, bea.token)).errors).toBeUndefined();
      expect((await gql(t.url, CHANGE, { userId: ann.id, role: 'approver' }, bea.token)).errors).toBeUndefined();

      const recalled = await gql(t.url, `mutation($id: ID!) { recallChangeRequest(id: $id) { status } }`, { id: submitted.data.submitChangeRequest.id }, ada.token);
      expect(recalled.data).toEqual({ recallChangeRequest: { status: 'recalled' } });
      const added = await gql(t.url, ADD, { input: { email: fresh, role: 'approver', password: 'long enough password' } }, ada.token);
      expect(added.errors).toBeUndefined();
      expect(added.data.addWorkspaceMember).toMatchObject({ email: fresh, role: 'approver' });
    });

    it('is for admins only', async () => {
      const approver = await person('approver');
      const target = await person('viewer');
      for (const [document, variables] of [
        [ADD, { input: { email: `x-${randomUUID().slice(0, 6)}@example.test`, role: 'admin', password: 'long enough password' } }],
        [CHANGE, { userId: target.id, role: 'admin' }],
        [REMOVE, { userId: target.id }],
      ] as const) {
        const result = await gql(t.url, document, variables, approver.token);
        expect(result.errors?.[0]).toMatchObject({ message: 'This needs the role admin; you are approver', extensions: { code: 'FORBIDDEN' } });
      }
      expect(await users.roleIn(target.id, workspaceId)).toBe('viewer');
    });
  });

  describe('switching workspaces', () => {
    it('lists the workspaces of the signed-in user with the role in each, and switches to one of them', async () => {
      const second = await t.app.get(WorkspacesService).create('Second workspace', `wk_${randomUUID()}`);
      const third = await t.app.get(WorkspacesService).create('Not theirs', `wk_${randomUUID()}`);
      const vic = await person('viewer');
      await users.setRole(vic.id, second.id, 'editor');

      const mine = await gql(t.url, MY_WORKSPACES, {}, vic.token);
      expect(mine.errors).toBeUndefined();
      expect(mine.data.myWorkspaces).toEqual([
        { id: workspaceId, name: 'Default workspace', role: 'viewer' },
        { id: second.id, name: 'Second workspace', role: 'editor' },
      ]);

      const switched = await gql(t.url, SWITCH, { workspaceId: second.id }, vic.token);
      expect(switched.errors).toBeUndefined();
      expect(switched.data.switchWorkspace).toMatchObject({ role: 'editor', user: { id: vic.id, email: vic.email }, workspace: { id: second.id, name: 'Second workspace' } });
      const secondToken = switched.data.switchWorkspace.token as string;
      expect((await gql(t.url, ME, {}, secondToken)).data.me).toMatchObject({ workspace: { id: second.id }, role: 'editor' });

      // The new token acts in the second workspace with the role there; the old one stays in the first.
      const created = await gql(t.url, CREATE_PLAYBOOK, { name: 'Made after switching' }, secondToken);
      expect(created.errors).toBeUndefined();
      const playbookId = created.data.createPlaybook.id;
      expect((await gql(t.url, CREATE_PLAYBOOK, { name: 'Not as a viewer' }, vic.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await gql(t.url, PLAYBOOKS, {}, vic.token)).data.playbooks.map((p: { id: string }) => p.id)).not.toContain(playbookId);
      expect((await gql(t.url, PLAYBOOKS, {}, secondToken)).data.playbooks.map((p: { id: string }) => p.id)).toEqual([playbookId]);
      expect((await gql(t.url, ME, {}, vic.token)).data.me.workspace.id).toBe(workspaceId);

      for (const target of [third.id, randomUUID()]) {
        const refused = await gql(t.url, SWITCH, { workspaceId: target }, vic.token);
        expect(refused.errors?.[0]).toMatchObject({ message: 'You are not a member of that workspace', extensions: { code: 'FORBIDDEN' } });
      }
    });

    it('a token for a workspace the user was removed from stops working, and switching back in is refused', async () => {
      const second = await t.app.get(WorkspacesService).create('Left behind', `wk_${randomUUID()}`);
      const sam = await person('operator');
      await users.setRole(sam.id, second.id, 'viewer');
      const secondToken = (await gql(t.url, SWITCH, { workspaceId: second.id }, sam.token)).data.switchWorkspace.token;
      const secondAdmin = await person('admin', second.id, 'second-admin');
      expect((await gql(t.url, REMOVE, { userId: sam.id }, secondAdmin.token)).errors).toBeUndefined();

      expect((await gql(t.url, ME, {}, secondToken)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await gql(t.url, SWITCH, { workspaceId: second.id }, sam.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await gql(t.url, MY_WORKSPACES, {}, sam.token)).data.myWorkspaces).toEqual([{ id: workspaceId, name: 'Default workspace', role: 'operator' }]);
    });
  });
});
