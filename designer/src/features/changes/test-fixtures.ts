/** Fixtures and a fake GraphQL boundary for the governance component tests (never imported by the app). */
import { demoRequestFollowUp, diffPlaybooks, type ChangeImpact, type Playbook } from '@tripline/playbook';
import type { ApprovalRequest, ChangeRequest, PlaybookHistory } from '../../api/changes-operations';

export const v1 = structuredClone(demoRequestFollowUp) as Playbook;

/** v1 with its first node relabelled, its second removed and a wait added. */
export function editedPlaybook(): Playbook {
  const next = structuredClone(v1);
  const [first, second] = Object.keys(next.nodes);
  delete next.nodes[second];
  next.edges = next.edges.filter((e) => e.from !== second && e.to !== second);
  next.nodes['new-wait'] = { kind: 'wait', for: '2d' } as Playbook['nodes'][string];
  next.edges.push({ from: first, to: 'new-wait' });
  next.nodes[first] = { ...next.nodes[first], label: 'Renamed' };
  return next;
}

export const ann = { id: 'u-ann', email: 'ann@example.com', name: 'Ann Editor' };
export const bob = { id: 'u-bob', email: 'bob@example.com', name: 'Bob Approver' };

export const impact: ChangeImpact = {
  from: '2025-01-01T00:00:00Z',
  to: '2025-03-01T00:00:00Z',
  firesPerWeek: { before: 12, after: 30 },
  newSubjects: { count: 18, sample: ['acme.com'] },
  droppedSubjects: { count: 2, sample: ['globex.com'] },
  outreach: {
    perWeek: { before: 12, after: 30 },
    byChannel: [{ channel: 'email', perWeek: { before: 12, after: 30 } }],
    caps: [{ channel: 'email', limit: 3, window: '7d', projectedPerContact: 4, exceeded: true }],
  },
  precision: { before: 0.5, after: 0.4 },
  recall: { before: 0.3, after: 0.6 },
  revenueShareAffected: 12.5,
  pipelineValueAffected: 100000,
  tiers: [],
  notes: [],
};

export function history(overrides: Partial<PlaybookHistory> = {}): PlaybookHistory {
  return {
    id: 'pb-1',
    name: v1.name,
    draft: editedPlaybook(),
    publishedVersion: 2,
    versions: [
      { id: 'ver-2', version: 2, definition: v1, publishedAt: '2025-02-01T00:00:00Z', publishedBy: ann },
      { id: 'ver-1', version: 1, definition: v1, publishedAt: '2025-01-01T00:00:00Z', publishedBy: ann },
    ],
    ...overrides,
  };
}

export function changeRequest(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  const proposed = editedPlaybook();
  return {
    id: 'cr-1',
    title: 'Publish Demo request follow-up v3',
    kind: 'publishPlaybook',
    status: 'pending',
    attempt: 1,
    targetId: 'pb-1',
    targetKind: 'playbook',
    targetName: v1.name,
    baseVersion: 2,
    rollbackToVersion: null,
    publishedVersion: null,
    currentLevel: 0,
    reason: 'Faster follow-up',
    closedReason: null,
    requester: ann,
    requestedAt: '2025-03-01T10:00:00Z',
    updatedAt: '2025-03-01T10:00:00Z',
    canDecide: false,
    canRecall: false,
    canResubmit: false,
    diff: diffPlaybooks(v1, proposed),
    impact,
    proposed,
    levels: [
      { position: 0, name: 'RevOps lead', state: 'open', approvals: 1, required: 2, timeout: '2d', escalated: false, eligibleApprovers: [bob] },
      { position: 1, name: 'Security', state: 'waiting', approvals: 0, required: 1, timeout: '2d', escalated: false, eligibleApprovers: [] },
    ],
    decisions: [{ id: 'd-1', attempt: 1, level: 0, levelName: 'RevOps lead', decision: 'APPROVE', comment: 'Looks right', decidedBy: bob, at: '2025-03-01T11:00:00Z' }],
    ...overrides,
  };
}

export function gate(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    id: 'gate-1',
    playbookId: 'pb-1',
    playbookName: v1.name,
    playbookVersion: 2,
    runId: 'run-1',
    stepId: 'approve-discount',
    stepLabel: 'Approve discount',
    subject: 'ann@example.com (Ann Lee)',
    status: 'PENDING',
    canDecide: true,
    requester: ann,
    approvers: [bob],
    createdAt: '2025-03-01T10:00:00Z',
    dueAt: '2025-03-02T10:00:00Z',
    decision: null,
    comment: null,
    decidedBy: null,
    decidedAt: null,
    summary: { subject: 'ann@example.com' },
    ...overrides,
  };
}

export interface RecordedCall {
  operation: string;
  variables: Record<string, unknown>;
}

/**
 * The app's GraphQL client replaced by answers per operation name (what the API would return, or
 * an Error it would raise), recording every call.
 */
export function fakeGraphql(answers: Record<string, (variables: Record<string, unknown>) => unknown>) {
  const calls: RecordedCall[] = [];
  const implementation = async (query: string, variables: Record<string, unknown> = {}) => {
    const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '?';
    calls.push({ operation, variables });
    const answer = answers[operation];
    if (!answer) throw new Error(`no answer for ${operation}`);
    const result = answer(variables);
    if (result instanceof Error) throw result;
    return result;
  };
  return { calls, implementation };
}
