import { Client, WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy, WorkflowNotFoundError } from '@temporalio/client';
import type { SignalWorkflowPayload, StartWorkflowPayload } from './workflow-payloads';

/**
 * Starts a 'startWorkflow' row's workflow. A workflow id is used once (REJECT_DUPLICATE): a start that
 * finds it already there — an earlier try whose bookkeeping did not finish — is done. Returns a note
 * for the row, or null.
 */
export async function startWorkflow(client: Client, payload: StartWorkflowPayload, taskQueue: string): Promise<string | null> {
  try {
    await client.workflow.start(payload.workflowType, {
      taskQueue,
      workflowId: payload.workflowId,
      args: payload.args,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    });
    return null;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 'the workflow had already been started';
    throw error;
  }
}

/**
 * Sends a 'signalWorkflow' row's signal. A workflow that is not found or has closed needs no signal:
 * the row is done with a note. Other errors are thrown for the dispatcher to retry.
 */
export async function signalWorkflow(client: Client, payload: SignalWorkflowPayload): Promise<string | null> {
  try {
    await client.workflow.getHandle(payload.workflowId).signal(payload.signal, payload.input);
    return null;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return 'the workflow was not found or had already closed: no signal was needed';
    throw error;
  }
}
