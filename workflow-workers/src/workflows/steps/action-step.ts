import { workflowInfo } from '@temporalio/workflow';
import type { ActionStep } from '@tripline/playbook';
import { connectorTaskQueue } from '../../activities/rate-limit-queues';
import { actionActivities } from '../activity-proxies';
import { undoEntryFor } from '../compensation/undo-entry-for';
import { runFailure } from '../failure-message';
import { cappedOutput, executeWithinCaps, outreachRequest } from '../frequency-caps/within-caps';
import type { StepContext, StepOutcome } from './step-outcome';

/** Runs a connector action in the `executeAction` activity (rendering, ledger and retries live there). */
export async function runActionStep(step: ActionStep, context: StepContext): Promise<StepOutcome> {
  const { run, nodeId, visit } = context;
  let activities: ReturnType<typeof actionActivities>;
  try {
    // On the connector's own task queue, so its declared rate limit holds across all workers.
    activities = actionActivities(step.retry, connectorTaskQueue(workflowInfo().taskQueue, step.connector));
  } catch (error) {
    throw runFailure(`action (node ${nodeId}) has an invalid retry policy: ${(error as Error).message}`, 'InvalidStep');
  }
  const request = {
    workspaceId: run.workspaceId,
    runId: run.runId,
    stepId: nodeId,
    visit,
    connector: step.connector,
    ...(step.connectorVersion === undefined ? {} : { connectorVersion: step.connectorVersion }),
    action: step.action,
    connection: step.connection,
    input: step.input,
    context: run.context,
    outreach: outreachRequest(run),
  };
  const result = await executeWithinCaps(run.playbook.outreach, () => activities.executeAction(request));
  if (result.capped) return { status: 'skipped', output: cappedOutput(result.capped) };
  if (result.suppressed) return { status: 'skipped', output: { skipped: 'suppressed', ...result.suppressed } };
  return { input: result.input, output: result.output, undo: undoEntryFor(step, context, result) };
}
