import type { RunEvent } from '@tripline/playbook';
import type { ExecuteActionInput, ExecuteActionResult } from './activity-types';
import { executeAction, type ExecuteActionDeps } from './execute-action';
import { toApplicationFailure } from './to-application-failure';

/**
 * The activities of `playbookRun`, with their dependencies injected once (the worker passes the
 * HTTP worker API and the connector registry; tests pass an in-memory API).
 */
export function createActivities(deps: ExecuteActionDeps) {
  return {
    async executeAction(request: ExecuteActionInput): Promise<ExecuteActionResult> {
      try {
        return await executeAction(deps, request);
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
