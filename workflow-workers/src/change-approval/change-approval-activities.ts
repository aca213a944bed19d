import type { ChangeLevelTimeoutResponse } from '@tripline/playbook';
import { toApplicationFailure } from '../activities/to-application-failure';
import type { ChangeLevelTimeoutInput, ChangeNotificationsOutcome, NotifyChangeApproversInput } from './change-approval-activity-types';
import { notifyChangeApprovers, type ChangeApprovalDeps } from './notify-change-approvers';

/**
 * The activities of the `changeApproval` workflow: notify a level's approvers, and tell the API a
 * level's time is up (escalate it, or expire the request). The API keeps the inbox state and answers
 * `stale` when the request has moved on, so every call is safe to retry.
 */
export function changeApprovalActivities(deps: ChangeApprovalDeps) {
  return {
    async notifyChangeApprovers(input: NotifyChangeApproversInput): Promise<ChangeNotificationsOutcome> {
      return callActivity(() => notifyChangeApprovers(deps, input));
    },

    async escalateChangeLevel({ requestId, ...request }: ChangeLevelTimeoutInput): Promise<ChangeLevelTimeoutResponse> {
      return callActivity(() => deps.workerApi.escalateChangeLevel(requestId, request));
    },

    async expireChangeLevel({ requestId, ...request }: ChangeLevelTimeoutInput): Promise<ChangeLevelTimeoutResponse> {
      return callActivity(() => deps.workerApi.expireChangeLevel(requestId, request));
    },
  };
}

export type ChangeApprovalActivities = ReturnType<typeof changeApprovalActivities>;

async function callActivity<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toApplicationFailure(error);
  }
}
