import { Context } from '@temporalio/activity';
import { parseActionInput, type ActionDefinition, type ConnectorRegistry, type EmailOutreachHooks } from '@tripline/connector-sdk';
import { renderInput } from '@tripline/templates';
import type { WorkerApi } from '../worker-api/worker-api';
import type { CompensationKind, ExecuteActionInput, ExecuteActionResult } from './activity-types';
import { completeLedgerPatiently } from './complete-ledger';
import { prepareEmailOutreach } from './email-outreach';
import { claimOutreach, commitOutreach } from './frequency-cap';
import { loadConnectionConfig } from './load-connection';
import { NonRetryableActivityError } from './non-retryable-activity-error';
import { reportVendorQuota } from './report-vendor-quota';

export interface ExecuteActionDeps {
  workerApi: WorkerApi;
  connectors: ConnectorRegistry;
}

/**
 * The key of a step's side effect: the same for every retry, replay and reset of this visit of
 * this node in this enrollment's workflow, different for anything else.
 */
export function idempotencyKeyFor(workflowId: string, stepId: string, visit: number): string {
  return `${workflowId}:${stepId}:${visit}`;
}

/**
 * One action step: ledger claim, template rendering, input validation, the suppression list (email
 * outreach), frequency caps, connection, the action, ledger completion. A step already completed
 * returns its recorded result without acting again. Connection configs hold secrets and are never logged.
 */
export async function executeAction(deps: ExecuteActionDeps, request: ExecuteActionInput): Promise<ExecuteActionResult> {
  const context = Context.current();
  const workflowId = context.info.workflowExecution?.workflowId;
  if (!workflowId) {
    throw new NonRetryableActivityError('executeAction runs only as a step of a playbook run workflow', 'NotInWorkflow');
  }
  const key = idempotencyKeyFor(workflowId, request.stepId, request.visit);
  const where = `step ${request.stepId} (${request.connector}.${request.action})`;

  const action = deps.connectors.getAction(request.connector, request.action);
  const connector = deps.connectors.getConnector(request.connector);
  checkConnectorVersion(request, connector.version);

  // Writes go through the ledger; a read may simply run again.
  const usesLedger = action.effect === 'write';
  const compensation = compensationOf(action);
  if (usesLedger) {
    const claim = await deps.workerApi.claimLedger({ workspaceId: request.workspaceId, key });
    if (claim.state === 'completed') {
      context.log.info('Step already completed; returning the recorded result', { stepId: request.stepId, key });
      return { output: claim.result, fromLedger: true, idempotencyKey: key, compensation };
    }
  }

  // HTML inputs (an email's html) escape the values inserted into them.
  const rendered = renderInput(request.input, request.context, undefined, { htmlFields: action.htmlInputs });
  const input = parseActionInput(action, rendered);

  // Email outreach: a suppressed recipient skips the step before it counts against any cap.
  let emailOutreach: EmailOutreachHooks | undefined;
  if (action.outreach === 'email') {
    if (!action.recipients) throw new NonRetryableActivityError(`${where}: email outreach must declare its recipients`, 'NoRecipients');
    const prepared = await prepareEmailOutreach(deps.workerApi, request, key, action.recipients(input));
    if ('suppressed' in prepared) {
      context.log.info('Recipient suppressed; step skipped', { stepId: request.stepId, key });
      return { output: null, fromLedger: false, idempotencyKey: key, compensation, suppressed: prepared.suppressed };
    }
    emailOutreach = prepared.hooks;
  }

  // Outreach actions reserve the contact under the workspace's frequency caps.
  const channel = request.outreach ? action.outreach : undefined;
  if (channel) {
    const capped = await claimOutreach(deps.workerApi, request, key, channel);
    if (capped) return { output: null, fromLedger: false, idempotencyKey: key, compensation, capped };
  }

  const auth = await loadConnectionConfig(deps.workerApi, connector, request, where);

  // The reservation counts from here on, unless a higher-priority run took it over meanwhile.
  if (channel) {
    const capped = await commitOutreach(deps.workerApi, request, key);
    if (capped) return { output: null, fromLedger: false, idempotencyKey: key, compensation, capped };
  }

  context.log.info('Running action', { stepId: request.stepId, action: `${connector.name}.${action.name}`, key });
  const output = await action.run({ auth, input, idempotencyKey: key, signal: context.cancellationSignal, emailOutreach });

  if (usesLedger) {
    await completeLedgerPatiently(deps.workerApi, { workspaceId: request.workspaceId, key, result: output });
  }
  await reportVendorQuota(deps.workerApi, request, auth, output, context.log);
  return { input: rendered, output, fromLedger: false, idempotencyKey: key, compensation };
}

function compensationOf(action: ActionDefinition): CompensationKind {
  if (action.effect === 'read') return 'nothingToUndo';
  if (action.undo) return 'undo';
  return action.irreversible ? 'irreversible' : 'none';
}

/**
 * A step runs only on the major version of the connector it was built with: another major version may
 * read its input differently. Refused without retrying (a worker with the right version must run it).
 */
function checkConnectorVersion(request: ExecuteActionInput, installed: string): void {
  const built = request.connectorVersion;
  if (built === undefined || built.split('.')[0] === installed.split('.')[0]) return;
  throw new NonRetryableActivityError(
    `step ${request.stepId} was built with ${request.connector} ${built}; this worker has ${request.connector} ${installed}, a different major version`,
    'ConnectorVersionMismatch',
  );
}
