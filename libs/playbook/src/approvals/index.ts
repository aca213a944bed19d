// Approval gates: the Update contract between backend and workflow, and the pure rules both apply.
export * from './approval-update';
export { approvalDecisionProblem, approvalDecisionRefusal, type ApprovalDecider, type ApprovalGateState, type ApprovalRefusal } from './approval-rules';
export { WORKSPACE_ROLES, APPROVER_ROLES, assigneesProblems, type WorkspaceRole } from './approval-roles';
export { approvalContextSummary, type ApprovalContextSummary } from './approval-summary';
export { resolveAssignees, resolveGateAssignees, type ResolvedAssignees, type WorkspaceMember } from './resolve-assignees';
export * from './approval-requests';
