/** Ids of the Temporal objects a subscription owns (shared with the worker by convention). */
export const POLL_WORKFLOW_TYPE = 'pollConnectorTrigger';

export function pollScheduleId(workspaceId: string, connectionId: string, trigger: string): string {
  return `tripline-poll:${workspaceId}:${connectionId}:${trigger}`;
}

/** One backfill per range: asking for the same range again while it runs is the same workflow. */
export function backfillWorkflowId(workspaceId: string, connectionId: string, trigger: string, from: Date, to: Date): string {
  return `tripline-backfill:${workspaceId}:${connectionId}:${trigger}:${from.toISOString()}:${to.toISOString()}`;
}

/** What `pollConnectorTrigger` is started with (workflow-workers/src/polling/poll-types.ts has the same shape). */
export interface PollWorkflowInput {
  workspaceId: string;
  connectionId: string;
  connector: string;
  trigger: string;
  /** A one-off poll over [from, to] that leaves the subscription's checkpoint alone. */
  backfill?: { from: string; to: string };
}
