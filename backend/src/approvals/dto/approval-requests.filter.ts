import type { ApprovalRequestStatus } from '@tripline/playbook';

export const MAX_APPROVALS_PER_PAGE = 200;
export const DEFAULT_APPROVALS_PER_PAGE = 50;

/** The arguments of `approvalRequests`: a status, and a page (newest first) after a request id. */
export interface ApprovalRequestFilter {
  status?: ApprovalRequestStatus | null;
  first?: number | null;
  after?: string | null;
}
