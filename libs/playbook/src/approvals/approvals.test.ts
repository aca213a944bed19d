import { trialConversion } from '../examples';
import { approvalContextSummary } from './approval-summary';
import { approvalDecisionProblem, approvalDecisionRefusal, type ApprovalGateState } from './approval-rules';
import { assigneesProblems } from './approval-roles';
import { APPROVAL_REFUSALS } from './approval-update';
import { closedStatus } from './approval-requests';
import { resolveAssignees, resolveGateAssignees } from './resolve-assignees';

const gate: ApprovalGateState = { approverIds: ['ann', 'bob'], requesterId: 'pat', decided: false };

describe('approvalDecisionProblem', () => {
  it('lets an allowed approver decide either way', () => {
    expect(approvalDecisionProblem(gate, { userId: 'ann', decision: 'approve' })).toBeNull();
    expect(approvalDecisionProblem(gate, { userId: 'bob', decision: 'reject' })).toBeNull();
  });

  it('never lets the requester decide, even when listed as an approver', () => {
    const listed = { ...gate, approverIds: ['ann', 'pat'] };
    expect(approvalDecisionRefusal(listed, { userId: 'pat', decision: 'approve' })).toEqual({
      type: APPROVAL_REFUSALS.ownRequest,
      message: 'You cannot decide your own request: you published the playbook version this run uses',
    });
  });

  it('refuses someone who is not an approver, and anyone once decided', () => {
    expect(approvalDecisionRefusal(gate, { userId: 'eve', decision: 'approve' })?.type).toBe(APPROVAL_REFUSALS.notAnApprover);
    expect(approvalDecisionProblem({ ...gate, decided: true }, { userId: 'ann', decision: 'approve' })).toBe(
      'This approval request has already been decided',
    );
  });

  it('refuses a decision that is neither approve nor reject', () => {
    expect(approvalDecisionProblem(gate, { userId: 'ann', decision: 'maybe' as never })).toBe("decision must be 'approve' or 'reject' (got 'maybe')");
  });

  it('without a known requester, only the approver list counts', () => {
    expect(approvalDecisionProblem({ ...gate, requesterId: null }, { userId: 'ann', decision: 'approve' })).toBeNull();
  });
});

describe('assigneesProblems', () => {
  it('accepts workspace roles and users', () => {
    expect(assigneesProblems({ roles: ['approver', 'admin'], users: ['ann@example.com'] }, 'assignees')).toEqual([]);
  });

  it('names unknown roles, viewers and empty lists', () => {
    expect(assigneesProblems({ roles: ['sales-manager', 'viewer'] }, 'escalateTo')).toEqual([
      "escalateTo: 'sales-manager' is not a workspace role (roles: admin, editor, approver, operator)",
      "escalateTo: role 'viewer' cannot approve (viewers only read)",
    ]);
    expect(assigneesProblems({}, 'assignees')).toEqual(['assignees names no users and no roles']);
  });

  it('the trial conversion example uses real workspace roles', () => {
    const gateStep = trialConversion.nodes['approve-offer'];
    expect(gateStep?.kind).toBe('approval');
    if (gateStep?.kind !== 'approval') return;
    expect(assigneesProblems(gateStep.assignees, 'assignees')).toEqual([]);
    expect(assigneesProblems(gateStep.escalateTo!, 'escalateTo')).toEqual([]);
  });
});

describe('approvalContextSummary', () => {
  it('says who the subject is and what enrolled them, from plain values', () => {
    const summary = approvalContextSummary(
      { kind: 'person', id: 'p1' },
      {
        event: { name: 'Trial Started', properties: {} },
        person: { id: 'p1', traits: { email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee' } },
        account: { id: 'a1', traits: { name: 'Acme' } },
      },
    );
    expect(summary).toEqual({
      text: 'person ann@example.com (Ann Lee) · account Acme · event Trial Started',
      subject: { kind: 'person', id: 'p1', label: 'ann@example.com (Ann Lee)' },
      event: 'Trial Started',
      person: { email: 'ann@example.com', name: 'Ann Lee' },
      account: { name: 'Acme' },
    });
  });

  it('falls back to the subject id and leaves templates as text', () => {
    const summary = approvalContextSummary({ kind: 'account', id: 'acc-9' }, { account: { id: 'acc-9', traits: { name: '{{ secret }}' } } });
    expect(summary.text).toBe('account {{ secret }}');
    expect(approvalContextSummary({ kind: 'account', id: 'acc-9' }, {}).text).toBe('account acc-9');
  });
});

describe('resolveAssignees', () => {
  const members = [
    { userId: 'u-pat', email: 'pat@example.com', role: 'editor' },
    { userId: 'u-ann', email: 'ann@example.com', role: 'approver' },
    { userId: 'u-bob', email: 'bob@example.com', role: 'approver' },
    { userId: 'u-ada', email: 'ada@example.com', role: 'admin' },
    { userId: 'u-vic', email: 'vic@example.com', role: 'viewer' },
  ];

  it('unites roles and users (by id or email), without the requester, sorted', () => {
    expect(resolveAssignees({ roles: ['approver'], users: ['ADA@example.com', 'u-pat'] }, members, 'u-pat')).toEqual({
      ok: true,
      approverIds: ['u-ada', 'u-ann', 'u-bob'],
    });
  });

  it('names members that are unknown or viewers, and unknown roles', () => {
    expect(resolveAssignees({ roles: ['sales-manager'], users: ['eve@example.com', 'vic@example.com'] }, members, null, 'escalateTo')).toEqual({
      ok: false,
      problems: [
        "escalateTo: 'sales-manager' is not a workspace role (roles: admin, editor, approver, operator)",
        "escalateTo: user 'eve@example.com' is not a member of this workspace",
        "escalateTo: user 'vic@example.com' is a viewer and cannot approve",
      ],
    });
  });

  it('fails when only the requester would be left to decide', () => {
    expect(resolveAssignees({ roles: ['editor'] }, members, 'u-pat')).toEqual({
      ok: false,
      problems: ['assignees: nobody can decide: role editor matches no workspace member other than the requester'],
    });
    expect(resolveAssignees({ roles: ['operator'] }, members, null).ok).toBe(false);
  });
});

describe('closedStatus', () => {
  it('is expired when the timeout decided, else the decision', () => {
    expect(closedStatus({ decision: 'approve', reason: 'decision' })).toBe('approved');
    expect(closedStatus({ decision: 'reject', reason: 'decision' })).toBe('rejected');
    expect(closedStatus({ decision: 'approve', reason: 'timeout' })).toBe('expired');
  });
});

describe('resolveGateAssignees', () => {
  const members = [
    { userId: 'u-ann', email: 'ann@example.com', role: 'approver' },
    { userId: 'u-ada', email: 'ada@example.com', role: 'admin' },
  ];
  it('resolves the first assignees and names the problems of both lists at once', () => {
    expect(resolveGateAssignees({ roles: ['approver'] }, { roles: ['admin'] }, members, null)).toEqual({ ok: true, approverIds: ['u-ann'] });
    expect(resolveGateAssignees({ roles: ['boss'] }, { users: ['x@example.com'] }, members, null)).toEqual({
      ok: false,
      problems: [
        "assignees: 'boss' is not a workspace role (roles: admin, editor, approver, operator)",
        "escalateTo: user 'x@example.com' is not a member of this workspace",
      ],
    });
  });
});
