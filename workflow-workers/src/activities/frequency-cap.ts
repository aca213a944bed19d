import type { OutreachChannel } from '@tripline/connector-sdk';
import type { WorkerApi } from '../worker-api/worker-api';
import type { CappedOutreach, ExecuteActionInput } from './activity-types';

/**
 * The per-contact frequency cap around an outreach action (backend/src/frequency-caps). First a
 * claim reserves the contact for this step (idempotent per ledger key: a retry gets its own claim
 * back); right before the vendor is called, a commit turns the reservation into an outreach that
 * counts. Between the two, a run of a higher-priority playbook may take the reservation over; the
 * commit then says so and nothing is sent.
 */
export async function claimOutreach(
  workerApi: WorkerApi,
  request: ExecuteActionInput,
  key: string,
  channel: OutreachChannel,
): Promise<CappedOutreach | undefined> {
  const outreach = request.outreach!;
  const answer = await workerApi.claimFrequencyCap({
    workspaceId: request.workspaceId,
    key,
    contact: outreach.subject,
    channel,
    playbookId: outreach.playbookId,
    runId: request.runId,
    priority: outreach.priority,
  });
  return answer.granted ? undefined : { reason: answer.reason, ...(answer.retryAt ? { retryAt: answer.retryAt } : {}) };
}

/** Makes the reservation count; undefined when it holds, the reason when it was taken over. */
export async function commitOutreach(workerApi: WorkerApi, request: ExecuteActionInput, key: string): Promise<CappedOutreach | undefined> {
  const answer = await workerApi.commitFrequencyCap({ workspaceId: request.workspaceId, key });
  return answer.committed ? undefined : { reason: answer.reason };
}
