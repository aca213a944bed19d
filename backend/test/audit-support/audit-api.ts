import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/auth/principal';
import { UsersService } from '../../src/auth/users.service';
import { WorkspacesService } from '../../src/workspaces/workspaces.service';
import { gql, login } from '../support/graphql-client';
import type { TestApp } from '../support/test-app';

export const ENTRY_FIELDS = 'id seq at actor { id email } system action targetKind targetId details hash prevHash';
export const AUDIT_LOG = `query($first: Int, $after: String, $action: String, $targetKind: String, $targetId: String, $actorId: ID, $from: DateTime, $to: DateTime) {
  auditLog(first: $first, after: $after, action: $action, targetKind: $targetKind, targetId: $targetId, actorId: $actorId, from: $from, to: $to) {
    entries { ${ENTRY_FIELDS} } endCursor hasNextPage
  }
}`;
export const VERIFY = '{ verifyAuditLog { ok checked firstBroken { seq id reason } lastSeq lastHash } }';
export const EXPORT = 'query($from: DateTime, $to: DateTime) { exportAuditLog(from: $from, to: $to) }';

export interface AuditEntryView {
  id: string;
  seq: number;
  at: string;
  actor: { id: string; email: string } | null;
  system: string | null;
  action: string;
  targetKind: string;
  targetId: string;
  details: Record<string, unknown> | null;
  hash: string;
  prevHash: string;
}

export interface Member {
  id: string;
  email: string;
  token: string;
}

/** A user with `role` in the workspace, signed in there. */
export async function newMember(t: TestApp, workspaceId: string, role: Role): Promise<Member> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
  const password = `password-${randomUUID()}`;
  const users = t.app.get(UsersService);
  const user = await users.create({ email, password, name: role });
  await users.setRole(user.id, workspaceId, role);
  return { id: user.id, email, token: await login(t.url, email, password, workspaceId) };
}

/** A second workspace with an admin of its own. */
export async function newWorkspaceWithAdmin(t: TestApp, name: string): Promise<{ workspaceId: string; admin: Member }> {
  const workspace = await t.app.get(WorkspacesService).create(name, `wk_${randomUUID()}`);
  return { workspaceId: workspace.id, admin: await newMember(t, workspace.id, 'admin') };
}

/** Every entry matching the filters, newest first, following the pages. */
export async function allEntries(t: TestApp, token: string, filters: Record<string, unknown> = {}): Promise<AuditEntryView[]> {
  const entries: AuditEntryView[] = [];
  let after: string | null = null;
  for (;;) {
    const result = await gql(t.url, AUDIT_LOG, { ...filters, first: 200, after }, token);
    if (!result.data) throw new Error(`auditLog failed: ${JSON.stringify(result.errors)}`);
    entries.push(...result.data.auditLog.entries);
    if (!result.data.auditLog.hasNextPage) return entries;
    after = result.data.auditLog.endCursor;
  }
}
