import { Context } from '@temporalio/activity';
import type { EmailOutreachHooks, SuppressionReport } from '@tripline/connector-sdk';
import type { WorkerApi } from '../worker-api/worker-api';
import type { ExecuteActionInput, SuppressedOutreach } from './activity-types';

const RETRY_DELAYS_MS = [250, 1000, 3000];

/**
 * The suppression list around an email outreach action (backend/src/email-suppression). Before the
 * send: a recipient on the list (unsubscribed, hard-bounced, added by an admin) holds the whole
 * message back — the step is skipped, nothing goes to anyone. Otherwise the action gets the first
 * recipient's signed unsubscribe links for List-Unsubscribe, and a way to report hard bounces.
 */
export async function prepareEmailOutreach(
  workerApi: WorkerApi,
  request: ExecuteActionInput,
  key: string,
  recipients: string[],
): Promise<{ suppressed: SuppressedOutreach } | { hooks: EmailOutreachHooks }> {
  const { suppressed } = await workerApi.checkSuppressions({ workspaceId: request.workspaceId, emails: recipients });
  if (suppressed.length > 0) {
    const listed = suppressed.map((entry) => `${entry.email} (${entry.reason})`).join(', ');
    return {
      suppressed: {
        reason: `not sent: on the workspace's email suppression list: ${listed}`,
        emails: suppressed.map((entry) => entry.email),
      },
    };
  }
  // One List-Unsubscribe per message: it names the primary (first To) recipient, the contact the run reaches.
  const unsubscribe = await workerApi.unsubscribeLink({ workspaceId: request.workspaceId, email: recipients[0]!, runId: request.runId, key });
  return {
    hooks: {
      unsubscribe,
      suppress: (entries) => addSuppressionsPatiently(workerApi, request, key, entries),
    },
  };
}

/**
 * Hard bounces are reported after the server answered: failing here would make the activity's retry
 * send again to the recipients that did accept. So: try a few times, then warn and go on (the next
 * send to the address bounces and reports it again).
 */
async function addSuppressionsPatiently(workerApi: WorkerApi, request: ExecuteActionInput, key: string, entries: SuppressionReport[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await workerApi.addSuppressions({ workspaceId: request.workspaceId, entries, runId: request.runId, key });
      return;
    } catch (error) {
      const delayMs = RETRY_DELAYS_MS[attempt];
      if (delayMs === undefined) {
        Context.current().log.warn('Could not add hard-bounced addresses to the suppression list', {
          key,
          count: entries.length,
          error: (error as Error).message,
        });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
