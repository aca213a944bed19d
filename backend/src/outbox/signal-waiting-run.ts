import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { SignalRunPayload } from './signal-run-payload';

/**
 * Sends a 'signalRun' row's signal to the workflow's current execution. False when the workflow has
 * closed (it timed out or was cancelled since the event matched): nothing waits, and the run
 * ignores the event by design. Other errors are thrown for the dispatcher to retry.
 */
export async function signalWaitingRun(client: Client, payload: SignalRunPayload): Promise<boolean> {
  try {
    await client.workflow.getHandle(payload.workflowId).signal(payload.signal, payload.input);
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}
