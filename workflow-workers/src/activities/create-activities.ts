import type { CloseRunWaitRequest, OpenRunWaitRequest, OpenRunWaitResult, RunEvent } from '@tripline/playbook';
import type { CompensateActionInput, CompensateActionResult, ExecuteActionInput, ExecuteActionResult } from './activity-types';
import { compensateAction } from './compensate-action';
import { adjustScore, type AdjustScoreInput, type ScoreReading } from './adjust-score';
import { changeApprovalActivities } from '../change-approval/change-approval-activities';
import { approvalActivities } from './approval-activities';
import { executeAction, type ExecuteActionDeps } from './execute-action';
import { whileHeartbeating } from './heartbeat';
import { toApplicationFailure } from './to-application-failure';

/**
 * The activities of `playbookRun`, with their dependencies injected once (the worker passes the
 * HTTP worker API and the connector registry; tests pass an in-memory API).
 */
export function createActivities(deps: ExecuteActionDeps) {
  return {
    /** Approval gates: open, escalate and close the request row (see workflows/steps/approval-step.ts). */
    ...approvalActivities(deps),

    /** changeApproval (governance): notify a level's approvers, escalate or expire it (src/change-approval/). */
    ...changeApprovalActivities(deps),

    async executeAction(request: ExecuteActionInput): Promise<ExecuteActionResult> {
      try {
        return await whileHeartbeating(() => executeAction(deps, request));
      } catch (error) {
        throw toApplicationFailure(error);
      }
    },

    /** Undoes one completed action step (compensation), under the ledger key `<action key>:undo`. */
    async compensateAction(request: CompensateActionInput): Promise<CompensateActionResult> {
      try {
        return await whileHeartbeating(() => compensateAction(deps, request));
      } catch (error) {
        throw toApplicationFailure(error);
      }
    },

    /** waitForEvent: registers the wait so ingest can signal the run (see workflows/steps/wait-for-event-step.ts). */
    async openRunWait(request: OpenRunWaitRequest): Promise<OpenRunWaitResult> {
      try {
        return await deps.workerApi.openRunWait(request);
      } catch (error) {
        throw toApplicationFailure(error);
      }
    },

    async closeRunWait(request: CloseRunWaitRequest): Promise<void> {
      try {
        await deps.workerApi.closeRunWait(request);
      } catch (error) {
        throw toApplicationFailure(error);
      }
    },

    /** Score step: adds points to (or reads) the subject's live score, once per ledger key. */
    async adjustScore(request: AdjustScoreInput): Promise<ScoreReading> {
      try {
        return await adjustScore(deps.workerApi, request);
      } catch (error) {
        throw toApplicationFailure(error);
      }
    },

    async recordRunEvent(event: RunEvent): Promise<void> {
      try {
        await deps.workerApi.postRunEvent(event);
      } catch (error) {
        throw toApplicationFailure(error);
      }
    },
  };
}

export type PlaybookActivities = ReturnType<typeof createActivities>;
