import { Context } from '@temporalio/activity';
import type { LedgerKey, WorkerApi } from '../worker-api/worker-api';

const RETRY_DELAYS_MS = [250, 1000, 3000];

/**
 * Records a side effect as done. The effect already happened, so failing the activity here would
 * make its retry act again: try a few times, then report success anyway with a warning (the
 * message went out; only a later retry or reset of this step could repeat it).
 */
export async function completeLedgerPatiently(workerApi: WorkerApi, request: LedgerKey & { result: unknown }): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await workerApi.completeLedger(request);
      return;
    } catch (error) {
      const delayMs = RETRY_DELAYS_MS[attempt];
      if (delayMs === undefined) {
        Context.current().log.warn('Could not record the completed side effect in the ledger; a reset of this step may act again', {
          key: request.key,
          error: (error as Error).message,
        });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
