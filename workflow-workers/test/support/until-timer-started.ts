import type { WorkflowHandle } from '@temporalio/client';

/**
 * Resolves once the run's history shows a started timer: the run is then parked (on a wait's timeout,
 * an approval's deadline), with the activities before it completed. Cancelling a run earlier races an
 * activity's completion, which the time-skipping test server answers with ACTIVITY_UNKNOWN and a stuck
 * workflow task; a real server copes, the test server does not.
 */
export async function untilTimerStarted(handle: WorkflowHandle, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const history = await handle.fetchHistory();
    if (history.events?.some((event) => event.timerStartedEventAttributes)) return;
    if (Date.now() > deadline) throw new Error(`${handle.workflowId} never started a timer`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
