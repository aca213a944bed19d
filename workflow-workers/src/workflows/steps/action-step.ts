import type { ActionStep } from '@tripline/playbook';
import { actionActivities } from '../activity-proxies';
import { runFailure } from '../failure-message';
import type { StepContext, StepOutcome } from './step-outcome';

/** Runs a connector action in the `executeAction` activity (rendering, ledger and retries live there). */
export async function runActionStep(step: ActionStep, { run, nodeId, visit }: StepContext): Promise<StepOutcome> {
  let activities: ReturnType<typeof actionActivities>;
  try {
    activities = actionActivities(step.retry);
  } catch (error) {
    throw runFailure(`action (node ${nodeId}) has an invalid retry policy: ${(error as Error).message}`, 'InvalidStep');
  }
  const result = await activities.executeAction({
    workspaceId: run.workspaceId,
    runId: run.runId,
    stepId: nodeId,
    visit,
    connector: step.connector,
    action: step.action,
    connection: step.connection,
    input: step.input,
    context: run.context,
  });
  return { input: result.input, output: result.output };
}
