import { ActivityFailure, ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
// Types only: the workflow bundle never loads activity code.
import type { PollingActivities } from './polling-activities';
import type { PollOnceResult, PollSummary, PollWorkflowInput } from './poll-types';
import { connectorTaskQueue } from '../activities/rate-limit-queues';

/** Polls in one run at most this many times while the connector says "more" (the next run goes on). */
export const MAX_POLL_ROUNDS = 20;

const bookkeeping = proxyActivities<Pick<PollingActivities, 'loadPollState' | 'reportPollError'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 },
});

function messageOf(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * One scheduled poll of a connection's trigger (or a backfill): read the checkpoint, poll and deliver
 * on the connector's own task queue (its rate limit applies), and go on while the connector says it
 * has more, up to MAX_POLL_ROUNDS. A failure is recorded on the subscription (its last error), then
 * fails this run; the schedule's next run starts again from the stored checkpoint.
 */
export async function pollConnectorTrigger(input: PollWorkflowInput): Promise<PollSummary> {
  const { workspaceId, connectionId, trigger } = input;
  const polling = proxyActivities<Pick<PollingActivities, 'pollAndDeliver'>>({
    taskQueue: connectorTaskQueue(workflowInfo().taskQueue, input.connector),
    startToCloseTimeout: '10 minutes',
    // The activity heartbeats while it polls: a worker killed mid-poll is noticed in 30 s, not 10 minutes
    // (the schedule skips runs while this one is open), and the retry polls again from the checkpoint.
    heartbeatTimeout: '30 seconds',
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 5 },
  });
  const state = await bookkeeping.loadPollState({ workspaceId, connectionId, trigger });
  if (!state) return { rounds: 0, items: 0, stored: 0, skipped: 'gone' };
  if (!state.enabled && !input.backfill) return { rounds: 0, items: 0, stored: 0, skipped: 'disabled' };
  if (state.connector !== input.connector) {
    throw ApplicationFailure.nonRetryable(`Connection ${connectionId} is now a ${state.connector} connection, not ${input.connector}`, 'ConnectionMismatch');
  }

  let checkpoint = input.backfill ? { time: input.backfill.from, idsAtTime: [] } : state.checkpoint;
  // Workflow time is deterministic on replay; a backfill polls up to its end.
  const now = input.backfill?.to ?? new Date(Date.now()).toISOString();
  const summary: PollSummary = { rounds: 0, items: 0, stored: 0 };
  while (summary.rounds < MAX_POLL_ROUNDS) {
    let result: PollOnceResult;
    try {
      result = await polling.pollAndDeliver({ workspaceId, connectionId, connector: input.connector, trigger, options: state.options, checkpoint, now, storeCheckpoint: !input.backfill });
    } catch (error) {
      await bookkeeping.reportPollError({ workspaceId, connectionId, trigger, message: messageOf(error) });
      throw error;
    }
    summary.rounds += 1;
    summary.items += result.items;
    summary.stored += result.stored;
    checkpoint = result.checkpoint;
    if (result.complete) break;
  }
  return summary;
}
