import { ROLES, type Role } from '../../src/auth/principal';

/**
 * EVERY GraphQL operation of the API, with who may call it and a minimal valid call. Three suites
 * read this table:
 * - `operations-table.test.ts` introspects the running schema and fails naming any operation that is
 *   missing here (or listed here but gone), so a new operation cannot ship without a decision about
 *   its roles;
 * - `roles.test.ts` calls each operation as every role: the roles not allowed get FORBIDDEN, the
 *   allowed ones never do;
 * - `workspace-isolation.test.ts` calls each one as another workspace's admin with this workspace's
 *   ids (the `ref(...)` values) and expects nothing back and nothing changed.
 *
 * Admins may call everything (the guard lets them through every @Roles), so `allowed` always lists
 * admin; `public` operations need no token at all.
 */

/** Things that belong to one workspace and that operations name by id (or, for suppressions, by address). */
export type ThingKind =
  | 'workspace'
  | 'member'
  | 'playbook'
  | 'scoringModel'
  | 'connection'
  | 'run'
  | 'approvalRequest'
  | 'person'
  | 'account'
  | 'suppressedEmail'
  | 'changeRequest'
  /** The signed token of an approval link (an approver email's link to a change request). */
  | 'changeRequestLink';

/** A placeholder in `variables` for the id of a workspace-owned thing; filled in per test. */
export interface ThingRef {
  $ref: ThingKind;
}

export const ref = (kind: ThingKind): ThingRef => ({ $ref: kind });

/** A placeholder for the calling user's own sign-in details (login needs real ones to get past the password). */
export interface CallerRef {
  $caller: 'email' | 'password';
}

export const caller = (field: CallerRef['$caller']): CallerRef => ({ $caller: field });

/** What placeholders are filled with in one test. */
export interface Fill {
  ids: Record<ThingKind, string>;
  caller: { email: string; password: string };
}

/**
 * What another workspace's admin gets when calling with this workspace's ids:
 * - 'nothing' (default): NOT_FOUND, or an empty answer (null, false, '', [], or an object of empty
 *   fields such as an empty page);
 * - a code: that error (e.g. FORBIDDEN for switching into a workspace you are not a member of).
 */
export type IsolationOutcome = 'nothing' | 'FORBIDDEN' | 'BAD_USER_INPUT';

export interface OperationAccess {
  kind: 'query' | 'mutation' | 'subscription';
  /** The roles that may call it (always including admin), or 'public' (no token needed). */
  allowed: readonly Role[] | 'public';
  /** A minimal valid document calling only this operation. */
  document: string;
  /** Its variables; `ref(kind)` marks the ids of workspace-owned things. */
  variables?: Record<string, unknown>;
  isolation?: IsolationOutcome;
  /** Why the roles are what they are, when it is not obvious. */
  note?: string;
}

const EVERY_ROLE = ROLES;
const admin = ['admin'] as const satisfies readonly Role[];
const editors = ['admin', 'editor'] as const satisfies readonly Role[];
const operators = ['admin', 'operator'] as const satisfies readonly Role[];

const HOUR_MS = 60 * 60 * 1000;
const from = new Date(Date.now() - 24 * HOUR_MS).toISOString();
const to = new Date().toISOString();
const smtpConfig = { host: '127.0.0.1', port: 1025, secure: false, from: 'Tripline <noreply@example.test>' };

export const OPERATIONS: Record<string, OperationAccess> = {
  // --- auth, members, workspaces -------------------------------------------------------------
  login: {
    kind: 'mutation',
    allowed: 'public',
    document: `mutation($email: String!, $password: String!, $workspaceId: ID) { login(email: $email, password: $password, workspaceId: $workspaceId) { token } }`,
    variables: { email: caller('email'), password: caller('password'), workspaceId: ref('workspace') },
    isolation: 'FORBIDDEN',
    note: 'Public; FORBIDDEN for a workspace the user is not a member of',
  },
  me: { kind: 'query', allowed: EVERY_ROLE, document: `{ me { user { id } workspace { id } role memberships { role workspace { id } } } }` },
  myWorkspaces: { kind: 'query', allowed: EVERY_ROLE, document: `{ myWorkspaces { id name role } }` },
  switchWorkspace: {
    kind: 'mutation',
    allowed: EVERY_ROLE,
    document: `mutation($workspaceId: ID!) { switchWorkspace(workspaceId: $workspaceId) { token workspace { id } role } }`,
    variables: { workspaceId: ref('workspace') },
    isolation: 'FORBIDDEN',
  },
  workspaceMembers: { kind: 'query', allowed: EVERY_ROLE, document: `{ workspaceMembers { id email name role joinedAt } }` },
  addWorkspaceMember: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($input: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $input) { id email role } }`,
    variables: { input: { email: 'new-member@example.test', role: 'viewer', password: 'a long enough password' } },
  },
  changeMemberRole: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($userId: ID!) { changeMemberRole(userId: $userId, role: viewer) { id role } }`,
    variables: { userId: ref('member') },
  },
  removeWorkspaceMember: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($userId: ID!) { removeWorkspaceMember(userId: $userId) }`,
    variables: { userId: ref('member') },
  },

  // --- playbooks -----------------------------------------------------------------------------
  playbooks: { kind: 'query', allowed: EVERY_ROLE, document: `{ playbooks { id name draft versions { id definition } } }` },
  playbook: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `query($id: ID!) { playbook(id: $id) { id name draft } }`,
    variables: { id: ref('playbook') },
  },
  validatePlaybook: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `query($definition: JSON!) { validatePlaybook(definition: $definition) { ok } }`,
    variables: { definition: {} },
    note: 'Pure: reads nothing of the workspace',
  },
  createPlaybook: {
    kind: 'mutation',
    allowed: editors,
    document: `mutation($input: CreatePlaybookInput!) { createPlaybook(input: $input) { id } }`,
    variables: { input: { name: 'Access test playbook' } },
  },
  updatePlaybookDraft: {
    kind: 'mutation',
    allowed: editors,
    document: `mutation($id: ID!, $input: UpdatePlaybookDraftInput!) { updatePlaybookDraft(id: $id, input: $input) { id name } }`,
    variables: { id: ref('playbook'), input: { name: 'Renamed by the access test' } },
  },
  publishPlaybook: {
    kind: 'mutation',
    allowed: editors,
    document: `mutation($id: ID!) { publishPlaybook(id: $id) { id version } }`,
    variables: { id: ref('playbook') },
  },

  // --- scoring -------------------------------------------------------------------------------
  scoringModels: { kind: 'query', allowed: EVERY_ROLE, document: `{ scoringModels { id name draft versions { id definition } } }` },
  scoringModel: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `query($id: ID!) { scoringModel(id: $id) { id name draft } }`,
    variables: { id: ref('scoringModel') },
  },
  scoringModelVersions: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `query($modelId: ID!) { scoringModelVersions(modelId: $modelId) { id definition } }`,
    variables: { modelId: ref('scoringModel') },
  },
  validateScoringModel: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `query($definition: JSON!) { validateScoringModel(definition: $definition) { ok } }`,
    variables: { definition: {} },
    note: 'Pure: reads nothing of the workspace',
  },
  createScoringModel: {
    kind: 'mutation',
    allowed: editors,
    document: `mutation($input: CreateScoringModelInput!) { createScoringModel(input: $input) { id } }`,
    variables: { input: { name: 'Access test model' } },
  },
  updateScoringModelDraft: {
    kind: 'mutation',
    allowed: editors,
    document: `mutation($id: ID!, $input: UpdateScoringModelDraftInput!) { updateScoringModelDraft(id: $id, input: $input) { id name } }`,
    variables: { id: ref('scoringModel'), input: { name: 'Renamed by the access test' } },
  },
  publishScoringModel: {
    kind: 'mutation',
    allowed: editors,
    document: `mutation($id: ID!) { publishScoringModel(id: $id) { id version } }`,
    variables: { id: ref('scoringModel') },
  },
  profile: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `query($personId: ID) { profile(personId: $personId) { subjectId traits scores { score } } }`,
    variables: { personId: ref('person') },
  },
  rankedSubjects: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `query($modelId: ID!) { rankedSubjects(modelId: $modelId, subjectKind: account) { subjectId name score } }`,
    variables: { modelId: ref('scoringModel') },
  },
  backtest: {
    kind: 'query',
    allowed: editors,
    document: `query($input: BacktestInput!) { backtest(input: $input) { fired newlyFiring noLongerFiring } }`,
    variables: { input: { modelId: ref('scoringModel'), playbookId: ref('playbook'), subject: 'person', from, to, outcome: { kind: 'event', event: 'Order Completed' } } },
    note: 'Editors try drafts before asking for approval; it writes nothing',
  },
  dataQuality: { kind: 'query', allowed: EVERY_ROLE, document: `{ dataQuality { source received stored } }` },
  recentEvents: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `query($filter: EventTailFilter) { recentEvents(limit: 20, filter: $filter) { messageId personId accountId scoreEffects { modelId points } } }`,
    variables: { filter: { personId: ref('person') } },
  },
  eventsIngested: {
    kind: 'subscription',
    allowed: EVERY_ROLE,
    document: `subscription($filter: EventTailFilter) { eventsIngested(filter: $filter) { messageId scoreEffects { points } } }`,
    variables: { filter: { accountId: ref('account') } },
  },

  // --- runs ----------------------------------------------------------------------------------
  runs: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `query($filter: RunFilter) { runs(filter: $filter) { id playbookId subjectId } }`,
    variables: { filter: { playbookId: ref('playbook') } },
  },
  run: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `query($id: ID!) { run(id: $id) { id subjectId steps { stepId } } }`,
    variables: { id: ref('run') },
  },
  runOperations: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `query($runId: ID!) { runOperations(runId: $runId) { id action } }`,
    variables: { runId: ref('run') },
  },
  runUpdated: {
    kind: 'subscription',
    allowed: EVERY_ROLE,
    document: `subscription($runId: ID) { runUpdated(runId: $runId) { id status } }`,
    variables: { runId: ref('run') },
  },
  retryRun: {
    kind: 'mutation',
    allowed: operators,
    document: `mutation($id: ID!) { retryRun(id: $id) { id status } }`,
    variables: { id: ref('run') },
  },
  cancelRun: {
    kind: 'mutation',
    allowed: operators,
    document: `mutation($id: ID!) { cancelRun(id: $id) { id status } }`,
    variables: { id: ref('run') },
  },
  resetRun: {
    kind: 'mutation',
    allowed: operators,
    document: `mutation($id: ID!) { resetRun(id: $id) { id status } }`,
    variables: { id: ref('run') },
  },
  bulkRetryRuns: {
    kind: 'mutation',
    allowed: operators,
    document: `mutation($input: BulkRetryRunsInput!) { bulkRetryRuns(input: $input) { runId ok } }`,
    variables: { input: { failedFrom: from, failedTo: to, playbookId: ref('playbook') } },
  },

  // --- approval gates of runs ----------------------------------------------------------------
  approvalRequests: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `{ approvalRequests { id runId } }`,
    note: 'Everyone may open the inbox: admins see every request, others those they may decide',
  },
  decideApproval: {
    kind: 'mutation',
    allowed: ['admin', 'approver', 'editor', 'operator'],
    document: `mutation($input: DecideApprovalInput!) { decideApproval(input: $input) { id status } }`,
    variables: { input: { id: ref('approvalRequest'), decision: 'APPROVE' } },
    note: "A gate's assignees may name the roles approver, editor or operator (libs/playbook approval-roles.ts); the run's workflow checks the decider is one of them",
  },

  // --- connections and their triggers (credentials: admins only) -----------------------------
  connectorCatalogue: { kind: 'query', allowed: EVERY_ROLE, document: `{ connectorCatalogue { name } }`, note: 'The step forms of the designer need it; no workspace data' },
  connections: { kind: 'query', allowed: admin, document: `{ connections { id name connector } }` },
  connectionOptions: {
    kind: 'query',
    allowed: editors,
    document: `{ connectionOptions { id name connector health } }`,
    note: "Editors pick a step's connection: names and health, never a config",
  },
  connectionBudgets: {
    kind: 'query',
    allowed: editors,
    document: `query($connectionId: ID) { connectionBudgets(connectionId: $connectionId) { connectionId callsLastDay vendorQuota { remaining } } }`,
    variables: { connectionId: ref('connection') },
  },
  createConnection: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`,
    variables: { input: { name: 'access-test-smtp', connector: 'email', config: smtpConfig } },
  },
  updateConnection: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($id: ID!, $input: UpdateConnectionInput!) { updateConnection(id: $id, input: $input) { id name } }`,
    variables: { id: ref('connection'), input: { name: 'renamed-by-access-test' } },
  },
  testConnection: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($id: ID!) { testConnection(id: $id) { ok message } }`,
    variables: { id: ref('connection') },
  },
  deleteConnection: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($id: ID!) { deleteConnection(id: $id) }`,
    variables: { id: ref('connection') },
  },
  rotateConnectionSecrets: { kind: 'mutation', allowed: admin, document: `mutation { rotateConnectionSecrets { reencrypted } }` },
  connectionTriggers: {
    kind: 'query',
    allowed: admin,
    document: `query($connectionId: ID) { connectionTriggers(connectionId: $connectionId) { connectionId trigger options } }`,
    variables: { connectionId: ref('connection') },
  },
  enableConnectionTrigger: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($connectionId: ID!) { enableConnectionTrigger(connectionId: $connectionId, trigger: "webhookDestination") { connectionId enabled } }`,
    variables: { connectionId: ref('connection') },
  },
  disableConnectionTrigger: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($connectionId: ID!) { disableConnectionTrigger(connectionId: $connectionId, trigger: "webhookDestination") { connectionId enabled } }`,
    variables: { connectionId: ref('connection') },
  },
  backfillConnectionTrigger: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($connectionId: ID!, $from: DateTime!, $to: DateTime!) {
      backfillConnectionTrigger(connectionId: $connectionId, trigger: "webhookDestination", from: $from, to: $to) { workflowId } }`,
    variables: { connectionId: ref('connection'), from, to },
  },

  // --- outreach limits -----------------------------------------------------------------------
  emailSuppressions: { kind: 'query', allowed: EVERY_ROLE, document: `{ emailSuppressions { id email reason } }` },
  addEmailSuppression: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($email: String!) { addEmailSuppression(email: $email) { id email } }`,
    variables: { email: 'suppressed-by-access-test@example.test' },
  },
  removeEmailSuppression: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($email: String!) { removeEmailSuppression(email: $email) }`,
    variables: { email: ref('suppressedEmail') },
  },
  frequencyCaps: { kind: 'query', allowed: EVERY_ROLE, document: `{ frequencyCaps { rules { channel max days } updatedAt } }` },
  setFrequencyCaps: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($rules: [FrequencyCapRuleInput!]!) { setFrequencyCaps(rules: $rules) { rules { channel } } }`,
    variables: { rules: [] },
  },

  // --- governance: approval policy, change requests, rollback --------------------------------
  approvalPolicy: { kind: 'query', allowed: EVERY_ROLE, document: `{ approvalPolicy { policy isDefault version } }` },
  updateApprovalPolicy: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($policy: JSON!) { updateApprovalPolicy(policy: $policy) { policy version } }`,
    variables: { policy: { levels: [] } },
  },
  changeRequests: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `query($targetId: ID) { changeRequests(targetId: $targetId) { id title targetId diff impact } }`,
    variables: { targetId: ref('playbook') },
  },
  changeRequest: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `query($id: ID!) { changeRequest(id: $id) { id title targetId diff impact } }`,
    variables: { id: ref('changeRequest') },
  },
  openChangeRequestLink: {
    kind: 'query',
    allowed: EVERY_ROLE,
    document: `query($token: String!) { openChangeRequestLink(token: $token) { id title } }`,
    variables: { token: ref('changeRequestLink') },
    isolation: 'FORBIDDEN',
    note: 'Any member may follow a link; only the user (and workspace) it was made for gets the request',
  },
  submitChangeRequest: {
    kind: 'mutation',
    allowed: editors,
    document: `mutation($input: SubmitChangeRequestInput!) { submitChangeRequest(input: $input) { id status } }`,
    variables: { input: { kind: 'publishPlaybook', targetId: ref('playbook') } },
  },
  decideChangeRequest: {
    kind: 'mutation',
    allowed: ['admin', 'approver', 'editor', 'operator'],
    document: `mutation($input: DecideChangeRequestInput!) { decideChangeRequest(input: $input) { id status } }`,
    variables: { input: { id: ref('changeRequest'), decision: 'APPROVE' } },
    note: "Viewers only read; among the others, the policy level's approvers (never the requester) decide",
  },
  recallChangeRequest: {
    kind: 'mutation',
    allowed: editors,
    document: `mutation($id: ID!) { recallChangeRequest(id: $id) { id status } }`,
    variables: { id: ref('changeRequest') },
    note: 'The requester (an editor: only editors submit) or an admin',
  },
  resubmitChangeRequest: {
    kind: 'mutation',
    allowed: editors,
    document: `mutation($id: ID!) { resubmitChangeRequest(id: $id) { id status } }`,
    variables: { id: ref('changeRequest') },
  },
  rollbackNow: {
    kind: 'mutation',
    allowed: admin,
    document: `mutation($input: RollbackNowInput!) { rollbackNow(input: $input) { publishedVersion } }`,
    variables: { input: { targetKind: 'playbook', targetId: ref('playbook') } },
    note: 'Only when the policy’s rollback criterion holds; otherwise a rollback change request',
  },

  // --- audit log -----------------------------------------------------------------------------
  auditLog: {
    kind: 'query',
    allowed: ['admin', 'approver'],
    document: `query($targetId: String, $actorId: ID) { auditLog(targetId: $targetId, actorId: $actorId) { entries { id action targetId details } endCursor } }`,
    variables: { targetId: ref('playbook'), actorId: ref('member') },
    note: 'Approvers check what happened before they sign; the log names people and changes, so not every role',
  },
  verifyAuditLog: { kind: 'query', allowed: admin, document: `{ verifyAuditLog { ok checked lastSeq } }` },
  exportAuditLog: { kind: 'query', allowed: admin, document: `{ exportAuditLog }` },
};

/** The `ref(...)` kinds an operation's variables name, i.e. which of its arguments are ids of workspace-owned things. */
export function thingsNamedBy(operation: OperationAccess): ThingKind[] {
  const kinds: ThingKind[] = [];
  const visit = (value: unknown): void => {
    if (isRef(value)) kinds.push(value.$ref);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(operation.variables ?? {});
  return kinds;
}

/** The operation's variables with every placeholder filled in. */
export function variablesWith(operation: OperationAccess, fill: Fill): Record<string, unknown> {
  const filled = (value: unknown): unknown => {
    if (isRef(value)) return fill.ids[value.$ref];
    if (isCallerRef(value)) return fill.caller[value.$caller];
    if (Array.isArray(value)) return value.map(filled);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, filled(each)]));
    return value;
  };
  return filled(operation.variables ?? {}) as Record<string, unknown>;
}

function isRef(value: unknown): value is ThingRef {
  return typeof value === 'object' && value !== null && '$ref' in value;
}

function isCallerRef(value: unknown): value is CallerRef {
  return typeof value === 'object' && value !== null && '$caller' in value;
}
