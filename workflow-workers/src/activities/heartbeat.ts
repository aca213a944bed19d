import { Context } from '@temporalio/activity';

/**
 * How often a long activity heartbeats. Its workflow sets a 30 s heartbeat timeout (activity-proxies.ts,
 * compensation-activities.ts, poll-connector-trigger.workflow.ts), so a worker killed
 * mid-activity is noticed in 30 s rather than at the start-to-close timeout (minutes).
 */
export const HEARTBEAT_EVERY_MS = 5_000;

/** Runs `work` while heartbeating every HEARTBEAT_EVERY_MS; stops when it settles. */
export async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const beat = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
}
