import { randomUUID } from 'node:crypto';
import { demoRequestFollowUp } from '@tripline/playbook';
import type { Role } from '../../src/auth/principal';
import { UsersService } from '../../src/auth/users.service';
import { BootstrapService } from '../../src/bootstrap/bootstrap.service';
import { defaultModelId } from '../../src/scoring/default-scoring-models.seeder';
import { gql, login, loginAsAdmin, type GraphqlResponse } from '../support/graphql-client';
import { startTestApp, TEST_ADMIN_EMAIL, type TestApp } from '../support/test-app';
import type { DatabaseKind } from '../support/test-databases';

/** A signed-in member of the default workspace. */
export interface Member {
  id: string;
  email: string;
  role: Role;
  token: string;
}

/**
 * A running API whose default workspace has one member per role and then some: ed and eve edit
 * (requesters), ann, bob and cat approve, otto operates, vic views. Built-in policy: `approver`.
 */
export interface GovernanceApp {
  t: TestApp;
  workspaceId: string;
  /** The seeded event scoring model ("Lead score (seed table)"), published. */
  leadModelId: string;
  admin: Member;
  ed: Member;
  eve: Member;
  ann: Member;
  bob: Member;
  cat: Member;
  otto: Member;
  vic: Member;
}

export async function startGovernanceApp(kind: DatabaseKind, env: Record<string, string> = {}): Promise<GovernanceApp> {
  const t = await startTestApp(kind, { TRIPLINE_DEFAULT_APPROVAL_POLICY: 'approver', TRIPLINE_DESIGNER_URL: 'https://designer.example.test', ...env });
  const workspaceId = await t.app.get(BootstrapService).defaultWorkspaceId();
  const users = t.app.get(UsersService);
  const adminUser = (await users.findByEmail(TEST_ADMIN_EMAIL))!;
  const member = async (name: string, role: Exclude<Role, 'admin'>): Promise<Member> => {
    const email = `${name}-${randomUUID().slice(0, 6)}@example.test`;
    const password = `password-${randomUUID()}`;
    const user = await users.create({ email, password, name });
    await users.setRole(user.id, workspaceId, role);
    return { id: user.id, email, role, token: await login(t.url, email, password) };
  };
  return {
    t,
    workspaceId,
    leadModelId: defaultModelId(workspaceId, 'seed-event-model'),
    admin: { id: adminUser.id, email: TEST_ADMIN_EMAIL, role: 'admin', token: await loginAsAdmin(t.url) },
    ed: await member('ed', 'editor'),
    eve: await member('eve', 'editor'),
    ann: await member('ann', 'approver'),
    bob: await member('bob', 'approver'),
    cat: await member('cat', 'approver'),
    otto: await member('otto', 'operator'),
    vic: await member('vic', 'viewer'),
  };
}

export const REQUEST_FIELDS = `id kind targetKind targetId targetName title reason status attempt currentLevel
  levels { position policyIndex name required approvals state approvers escalateTo escalated eligibleApprovers { id } timeout reminderEvery }
  decisions { id attempt level levelName decision decidedBy { id } comment at }
  canDecide canRecall canResubmit requester { id } requestedAt diff impact proposed baseVersion publishedVersion rollbackToVersion threshold
  decidedAt closedReason updatedAt workflowId`;

export const OPS = {
  createPlaybook: `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id name publishedVersion } }`,
  updatePlaybookDraft: `mutation($id: ID!, $input: UpdatePlaybookDraftInput!) { updatePlaybookDraft(id: $id, input: $input) { id } }`,
  publishPlaybook: `mutation($id: ID!) { publishPlaybook(id: $id) { playbookId version } }`,
  playbook: `query($id: ID!) { playbook(id: $id) { id publishedVersion versions { version definition publishedBy { id } } } }`,
  createScoringModel: `mutation($input: CreateScoringModelInput!) { createScoringModel(input: $input) { id name publishedVersion } }`,
  updateScoringModelDraft: `mutation($id: ID!, $input: UpdateScoringModelDraftInput!) { updateScoringModelDraft(id: $id, input: $input) { id } }`,
  publishScoringModel: `mutation($id: ID!) { publishScoringModel(id: $id) { version } }`,
  scoringModel: `query($id: ID!) { scoringModel(id: $id) { id publishedVersion draft versions { version definition } } }`,
  submit: `mutation($input: SubmitChangeRequestInput!) { submitChangeRequest(input: $input) { ${REQUEST_FIELDS} } }`,
  decide: `mutation($input: DecideChangeRequestInput!) { decideChangeRequest(input: $input) { ${REQUEST_FIELDS} } }`,
  recall: `mutation($id: ID!) { recallChangeRequest(id: $id) { ${REQUEST_FIELDS} } }`,
  resubmit: `mutation($id: ID!) { resubmitChangeRequest(id: $id) { ${REQUEST_FIELDS} } }`,
  request: `query($id: ID!) { changeRequest(id: $id) { ${REQUEST_FIELDS} } }`,
  requests: `query($status: ChangeRequestStatus, $targetKind: ChangeTargetKind, $targetId: ID, $first: Int, $after: ID) {
    changeRequests(status: $status, targetKind: $targetKind, targetId: $targetId, first: $first, after: $after) { id status title attempt canDecide } }`,
  openLink: `query($token: String!) { openChangeRequestLink(token: $token) { ${REQUEST_FIELDS} } }`,
  policy: `query { approvalPolicy { policy isDefault builtIn version updatedBy { id } updatedAt } }`,
  updatePolicy: `mutation($policy: JSON!) { updateApprovalPolicy(policy: $policy) { policy isDefault version updatedBy { id } } }`,
  rollbackNow: `mutation($input: RollbackNowInput!) { rollbackNow(input: $input) { targetKind targetId publishedVersion rolledBackTo explanation figures } }`,
  auditLog: `query($targetId: String, $action: String) { auditLog(targetId: $targetId, action: $action, first: 200) { entries { seq action targetKind targetId details actor { id } system } } }`,
};

/** A valid playbook document (the demo follow-up) on its own event, with an email subject to edit. */
export function playbookDocument(event: string, subject = 'Your demo request'): Record<string, unknown> {
  const doc = JSON.parse(JSON.stringify(demoRequestFollowUp)) as Record<string, any>;
  doc.trigger = { kind: 'event', event };
  doc.nodes['send-confirmation'].input.subject = subject;
  return doc;
}

/** A valid playbook triggered by the lead score crossing `threshold` upwards. */
export function thresholdPlaybookDocument(modelId: string, threshold: number): Record<string, unknown> {
  const doc = playbookDocument('unused');
  doc.trigger = { kind: 'scoreThreshold', model: modelId, threshold, direction: 'up' };
  return doc;
}

/** The result's data, or a thrown error with the GraphQL errors (for steps that must succeed). */
export function ok<T = any>(result: GraphqlResponse<T>, what: string): T {
  if (result.errors?.length || !result.data) throw new Error(`${what} failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The first error's code and message. */
export function errorOf(result: GraphqlResponse): { code: string | undefined; message: string } {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return { code: error.extensions?.code, message: error.message };
}

export function createPlaybook(g: GovernanceApp, by: Member, name: string, definition: Record<string, unknown>): Promise<string> {
  return gql(g.t.url, OPS.createPlaybook, { input: { name, definition } }, by.token).then((r) => ok(r, 'createPlaybook').createPlaybook.id);
}

export async function updateDraft(g: GovernanceApp, by: Member, id: string, definition: Record<string, unknown>): Promise<void> {
  ok(await gql(g.t.url, OPS.updatePlaybookDraft, { id, input: { definition } }, by.token), 'updatePlaybookDraft');
}

export const submit = (g: GovernanceApp, by: Member, input: Record<string, unknown>) => gql(g.t.url, OPS.submit, { input }, by.token);
export const decide = (g: GovernanceApp, by: Member, id: string, decision: 'APPROVE' | 'REJECT', extra: Record<string, unknown> = {}) =>
  gql(g.t.url, OPS.decide, { input: { id, decision, ...extra } }, by.token);
export const readRequest = async (g: GovernanceApp, by: Member, id: string) => ok(await gql(g.t.url, OPS.request, { id }, by.token), 'changeRequest').changeRequest;

/** Stores a policy as the admin (who must have no pending request). */
export async function storePolicy(g: GovernanceApp, policy: { levels: unknown[] } & Record<string, unknown>): Promise<void> {
  ok(await gql(g.t.url, OPS.updatePolicy, { policy }, g.admin.token), 'updateApprovalPolicy');
}

/** Submits a publishPlaybook request as `by` and has `approver` approve it; returns the published request. */
export async function publishThroughRequest(g: GovernanceApp, by: Member, approver: Member, playbookId: string): Promise<any> {
  const request = ok(await submit(g, by, { kind: 'publishPlaybook', targetId: playbookId }), 'submitChangeRequest').submitChangeRequest;
  if (request.status === 'published') return request;
  const decided = ok(await decide(g, approver, request.id, 'APPROVE'), 'decideChangeRequest').decideChangeRequest;
  if (decided.status !== 'published') throw new Error(`expected published, got ${decided.status}`);
  return decided;
}

/** A one-level policy: `required` of the approvers with role approver; everything else defaulted by the parser. */
export function oneLevelPolicy(required = 1, extra: Record<string, unknown> = {}): { levels: unknown[] } & Record<string, unknown> {
  return { levels: [{ name: 'Approval', approvers: { roles: ['approver'] }, required, when: { always: true }, timeout: '72h', reminderEvery: '24h' }], ...extra };
}
