import { Context } from '@temporalio/activity';
import type {
  CloseApprovalRequest,
  ClosedApprovalRequest,
  EscalateApprovalRequest,
  EscalatedApprovalRequest,
  OpenApprovalRequest,
  OpenedApprovalRequest,
} from '@tripline/playbook';
import { WorkerApiError, type WorkerApi } from '../worker-api/worker-api';
import { idempotencyKeyFor } from './execute-action';
import { NonRetryableActivityError } from './non-retryable-activity-error';
import { toApplicationFailure } from './to-application-failure';

/** What the workflow sends to open a gate; the activity adds the idempotency key. */
export type OpenApprovalInput = Omit<OpenApprovalRequest, 'key'>;

/**
 * The activities of an approval gate: open the request row (idempotent by
 * `<workflowId>:<stepId>:<visit>`), reassign it on escalation, close it with the decision the
 * workflow accepted. The API resolves assignees; a 4xx (unknown role or user) fails the step at once
 * with the API's message.
 */
export function approvalActivities(deps: { workerApi: WorkerApi }) {
  return {
    async openApprovalRequest(request: OpenApprovalInput): Promise<OpenedApprovalRequest> {
      const workflowId = Context.current().info.workflowExecution?.workflowId;
      if (!workflowId) throw new NonRetryableActivityError('openApprovalRequest runs only as a step of a playbook run workflow', 'NotInWorkflow');
      const key = idempotencyKeyFor(workflowId, request.stepId, request.visit);
      return callApi(() => deps.workerApi.openApprovalRequest({ ...request, key }));
    },
    async escalateApprovalRequest(request: EscalateApprovalRequest): Promise<EscalatedApprovalRequest> {
      return callApi(() => deps.workerApi.escalateApprovalRequest(request));
    },
    async closeApprovalRequest(request: CloseApprovalRequest): Promise<ClosedApprovalRequest> {
      return callApi(() => deps.workerApi.closeApprovalRequest(request));
    },
  };
}

async function callApi<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toApplicationFailure(withApiMessage(error));
  }
}

/**
 * A 4xx from the API carries a message meant for people ("assignees: role 'x' is not a workspace
 * role ..."): the step fails with that message rather than with the HTTP details around it.
 */
function withApiMessage(error: unknown): unknown {
  if (!(error instanceof WorkerApiError) || error.retryable) return error;
  const body = /answered \d{3} [^:]*: (\{.*\})$/s.exec(error.message)?.[1];
  if (!body) return error;
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    return typeof message === 'string' && message ? new WorkerApiError(message, error.status, false) : error;
  } catch {
    return error;
  }
}
