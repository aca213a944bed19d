import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { classifyError, parseActionInput, type ActionDefinition, type ConnectorRegistry } from '@tripline/connector-sdk';
import type { ChangeNotificationMessage } from '@tripline/playbook';
import { completeLedgerPatiently } from '../activities/complete-ledger';
import { loadConnectionConfig } from '../activities/load-connection';
import { WorkerApiError, type WorkerApi } from '../worker-api/worker-api';
import type { ChangeNotificationsOutcome, FailedChangeNotification, NotifyChangeApproversInput } from './change-approval-activity-types';

/** Approver emails go out through the email connector's `send` action. */
const EMAIL_CONNECTOR = 'email';
const SEND_ACTION = 'send';

/**
 * Attempts of one notification activity during which a transient send failure (SMTP busy, a
 * timeout) fails the attempt so Temporal retries it; on the last one such failures are reported
 * instead. Messages already sent are never sent again (ledger), so a retry only sends the rest.
 */
export const NOTIFICATION_SEND_ATTEMPTS = 5;

export interface ChangeApprovalDeps {
  workerApi: WorkerApi;
  connectors: ConnectorRegistry;
}

/**
 * Notifies a level's approvers: asks the API which emails to send now (it knows who may decide and
 * who already did), then sends each through the email connector on the workspace connection the API
 * names, each under its own ledger key, so a retried or replayed activity never sends a message twice.
 * Notifications must not block approvals: a missing connection or a refused message is reported in
 * the result and logged as a warning, and the workflow goes on. An unreachable API is retried.
 */
export async function notifyChangeApprovers(deps: ChangeApprovalDeps, input: NotifyChangeApproversInput): Promise<ChangeNotificationsOutcome> {
  const context = Context.current();
  const { requestId, ...request } = input;
  const answer = await deps.workerApi.changeNotifications(requestId, request);
  const outcome: ChangeNotificationsOutcome = { status: answer.status, sent: [], skipped: [], failed: [] };
  if (answer.status === 'stale' || answer.connection === null || answer.messages.length === 0) return outcome;

  const where = `change request ${requestId} (${request.reason} notification)`;
  const mailer = await loadMailer(deps, input.workspaceId, answer.connection, where);
  if ('problem' in mailer) {
    outcome.failed = answer.messages.map((message) => ({ to: message.to, error: mailer.problem }));
    warn(where, outcome.failed);
    return outcome;
  }

  const transient: FailedChangeNotification[] = [];
  for (const message of answer.messages) {
    const claim = await deps.workerApi.claimLedger({ workspaceId: input.workspaceId, key: message.key });
    if (claim.state === 'completed') {
      outcome.skipped.push(message.to);
      continue;
    }
    try {
      const output = await send(mailer, message, context.cancellationSignal);
      await completeLedgerPatiently(deps.workerApi, { workspaceId: input.workspaceId, key: message.key, result: output });
      outcome.sent.push(message.to);
    } catch (error) {
      const failure = { to: message.to, error: (error as Error).message ?? String(error) };
      (isTransient(error) ? transient : outcome.failed).push(failure);
    }
  }

  if (transient.length > 0 && context.info.attempt < NOTIFICATION_SEND_ATTEMPTS) {
    throw ApplicationFailure.retryable(
      `${where}: ${transient.length} of ${answer.messages.length} emails not sent yet (${transient.map((each) => `${each.to}: ${each.error}`).join('; ')}); ` +
        'retrying, the ones sent are not sent again',
      'ChangeNotificationNotSent',
    );
  }
  outcome.failed.push(...transient);
  if (outcome.failed.length > 0) warn(where, outcome.failed);
  return outcome;
}

interface Mailer {
  action: ActionDefinition;
  /** The connection's validated config: holds secrets, never logged. */
  auth: unknown;
}

/**
 * The email action and the connection's config. A connection that does not exist, is not an email
 * connection or is invalid is a problem to report (every message fails with it); an API that
 * cannot be reached is retried like any other call.
 */
async function loadMailer(deps: ChangeApprovalDeps, workspaceId: string, connection: string, where: string): Promise<Mailer | { problem: string }> {
  try {
    const connector = deps.connectors.getConnector(EMAIL_CONNECTOR);
    const action = deps.connectors.getAction(EMAIL_CONNECTOR, SEND_ACTION);
    const auth = await loadConnectionConfig(deps.workerApi, connector, { workspaceId, connection }, where);
    return { action, auth };
  } catch (error) {
    if (error instanceof WorkerApiError && error.retryable) throw error;
    return { problem: `connection '${connection}': ${(error as Error).message}` };
  }
}

/** One message, as the API wrote it (no templates: nothing user-written is rendered here). */
async function send(mailer: Mailer, message: ChangeNotificationMessage, signal: AbortSignal): Promise<unknown> {
  const input = parseActionInput(mailer.action, { to: message.to, subject: message.subject, text: message.text, html: message.html });
  return mailer.action.run({ auth: mailer.auth, input, idempotencyKey: message.key, signal });
}

function isTransient(error: unknown): boolean {
  if (error instanceof WorkerApiError) return error.retryable;
  if (error instanceof ApplicationFailure) return !error.nonRetryable;
  return classifyError(error).retryable;
}

function warn(where: string, failed: FailedChangeNotification[]): void {
  Context.current().log.warn('Approvers could not be notified; the approval goes on without these emails', {
    where,
    failed: failed.map((each) => `${each.to}: ${each.error}`),
  });
}
