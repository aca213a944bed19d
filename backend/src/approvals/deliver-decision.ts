import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { APPROVAL_DECISION_UPDATE, APPROVAL_REFUSALS, type ApprovalDecisionRequest, type ApprovalOutcome } from '@tripline/playbook';

/** How a decision delivery ended, in terms the resolver turns into GraphQL errors. */
export type DeliveryResult =
  | { delivered: true; outcome: ApprovalOutcome }
  | { delivered: false; refusal: 'forbidden' | 'badInput'; message: string }
  | { delivered: false; refusal: 'runGone' };

/** The run may not have taken up the request yet (or is escalating it): a few short retries. */
const NOT_OPEN_RETRIES = 50;
const NOT_OPEN_DELAY_MS = 100;

/**
 * Executes the `approvalDecision` Update on the run's workflow. The workflow's validator is the
 * authority: its refusal (ApplicationFailure type) says why, and a refused decision never reaches
 * the history. The Update answers only after the workflow closed the request row.
 */
export async function deliverDecision(client: Client, workflowId: string, request: ApprovalDecisionRequest): Promise<DeliveryResult> {
  const handle = client.workflow.getHandle(workflowId);
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await handle.executeUpdate<ApprovalOutcome, [ApprovalDecisionRequest]>(APPROVAL_DECISION_UPDATE, { args: [request] });
      return { delivered: true, outcome };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError || isClosedWorkflow(error)) return { delivered: false, refusal: 'runGone' };
      if (!(error instanceof WorkflowUpdateFailedError) || !(error.cause instanceof ApplicationFailure)) throw error;
      const { type, message } = error.cause;
      if (type === APPROVAL_REFUSALS.notOpen && attempt < NOT_OPEN_RETRIES) {
        await new Promise((resolve) => setTimeout(resolve, NOT_OPEN_DELAY_MS));
        continue;
      }
      const forbidden = type === APPROVAL_REFUSALS.ownRequest || type === APPROVAL_REFUSALS.notAnApprover;
      return { delivered: false, refusal: forbidden ? 'forbidden' : 'badInput', message };
    }
  }
}

/** The server refuses an Update to a workflow that has already closed. */
function isClosedWorkflow(error: unknown): boolean {
  return error instanceof Error && /workflow execution already completed/i.test(error.message);
}
