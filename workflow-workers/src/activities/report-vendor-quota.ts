import type { WorkerApi } from '../worker-api/worker-api';
import { QuotaReportThrottle, vendorQuotaAfterCall } from './vendor-quota';

// One per worker process: the readings it has sent recently, per connection.
const throttle = new QuotaReportThrottle();

/**
 * After an action's vendor call: sends the quota the vendor reported (if any) to the API for the
 * connection's budget view. Best effort: the side effect already happened and is in the ledger, so a
 * failed report is logged and never fails or retries the step.
 */
export async function reportVendorQuota(
  workerApi: WorkerApi,
  request: { workspaceId: string; connection: string; connector: string },
  auth: unknown,
  output: unknown,
  log: { warn(message: string, meta?: Record<string, unknown>): void },
): Promise<void> {
  if (!workerApi.reportVendorQuota) return;
  const report = vendorQuotaAfterCall(request.connector, auth, output);
  if (!report || !throttle.shouldReport(`${request.workspaceId}\u0000${request.connection}`, report)) return;
  try {
    await workerApi.reportVendorQuota(request.workspaceId, request.connection, report);
  } catch (error) {
    log.warn('Could not report the vendor quota of a connection', { connection: request.connection, error: (error as Error).message });
  }
}
