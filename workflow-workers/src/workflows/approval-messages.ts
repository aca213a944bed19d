import {
  APPROVAL_DECISION_UPDATE,
  APPROVAL_REFUSALS,
  MAX_APPROVAL_COMMENT_LENGTH,
  approvalDecisionRefusal,
  type ApprovalDecisionRequest,
  type ApprovalOutcome,
} from '@tripline/playbook';
import { ApplicationFailure, condition, defineUpdate, setHandler } from '@temporalio/workflow';

/** A person's decision on an approval request of this run; the backend executes it by name. */
export const approvalDecisionUpdate = defineUpdate<ApprovalOutcome, [ApprovalDecisionRequest]>(APPROVAL_DECISION_UPDATE);

/** One approval request of this run, as the validator and the step see it. */
export interface ApprovalGate {
  requestId: string;
  stepId: string;
  /** `open`: decisions accepted from `approverIds`; `escalating`: reassignment under way; `closed`. */
  state: 'open' | 'escalating' | 'closed';
  approverIds: string[];
  requesterId: string | null;
  /** When the request was reassigned to its escalateTo (ISO 8601), or null. */
  escalatedAt: string | null;
  /** The accepted decision (a person's, or the timeout's default); set once. */
  outcome?: ApprovalOutcome;
  /** True once the request row is closed with `outcome`: the Update's caller then gets its answer. */
  recorded: boolean;
}

// Per-run state lives on globalThis: the worker may reuse one V8 context for many workflows, and it
// keeps each workflow's globals apart (module-level variables of the bundle are shared).
const GATES_KEY = '__triplineApprovalGates';

/** The approval requests of this run by id; installs the Update handler on first use. */
export function approvalGates(): Map<string, ApprovalGate> {
  const holder = globalThis as unknown as Record<string, Map<string, ApprovalGate> | undefined>;
  let gates = holder[GATES_KEY];
  if (!gates) {
    gates = new Map();
    holder[GATES_KEY] = gates;
    installDecisionHandler(gates);
  }
  return gates;
}

/**
 * The validator is the authority on who may decide (the backend only forwards the caller's id): a
 * refused decision never enters the history. The handler records the decision, then answers once
 * the step has closed the request row, so the caller reads back exactly what the workflow accepted.
 */
function installDecisionHandler(gates: Map<string, ApprovalGate>): void {
  setHandler(
    approvalDecisionUpdate,
    async (request) => {
      const gate = gates.get(request.requestId)!;
      gate.outcome = {
        requestId: gate.requestId,
        stepId: gate.stepId,
        decision: request.decision,
        decidedBy: request.decidedBy,
        comment: request.comment?.trim() || null,
        reason: 'decision',
        decidedAt: new Date().toISOString(),
      };
      await condition(() => gate.recorded);
      return gate.outcome;
    },
    {
      validator: (request) => {
        const gate = gates.get(request?.requestId);
        if (!gate) throw refusal(APPROVAL_REFUSALS.notOpen, `Approval request ${String(request?.requestId)} is not open in this run (yet): try again`);
        if (gate.state === 'escalating') throw refusal(APPROVAL_REFUSALS.notOpen, 'This approval request is being escalated: try again in a moment');
        if (typeof request.comment === 'string' && request.comment.length > MAX_APPROVAL_COMMENT_LENGTH) {
          throw refusal(APPROVAL_REFUSALS.invalid, `comment must be at most ${MAX_APPROVAL_COMMENT_LENGTH} characters`);
        }
        const problem = approvalDecisionRefusal(
          { approverIds: gate.approverIds, requesterId: gate.requesterId, decided: gate.outcome !== undefined || gate.state === 'closed' },
          { userId: request.decidedBy, decision: request.decision },
        );
        if (problem) throw refusal(problem.type, problem.message);
      },
      description: 'A decision (approve or reject, with a comment) on an approval request of this run',
    },
  );
}

function refusal(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, type);
}
