import { Context } from '@temporalio/activity';
import { parseActionInput } from '@tripline/connector-sdk';
import { renderInput } from '@tripline/templates';
import type { CompensateActionInput, CompensateActionResult } from './activity-types';
import { completeLedgerPatiently } from './complete-ledger';
import type { ExecuteActionDeps } from './execute-action';
import { loadConnectionConfig } from './load-connection';
import { NonRetryableActivityError } from './non-retryable-activity-error';

/** The ledger key of an action's undo: one undo per side effect, whatever retries or replays. */
export function undoKeyFor(actionKey: string): string {
  return `${actionKey}:undo`;
}

/**
 * Undoes one completed action step with its connector's declared `undo`, under the ledger key
 * `<action key>:undo`: an undo already done returns its recorded result instead of acting again.
 * The input is the one the action ran with (re-rendered from the same templates and context when
 * only the ledger knew the action's result).
 */
export async function compensateAction(deps: ExecuteActionDeps, request: CompensateActionInput): Promise<CompensateActionResult> {
  const context = Context.current();
  const where = `undo of step ${request.stepId} (${request.connector}.${request.action})`;
  const connector = deps.connectors.getConnector(request.connector);
  const action = deps.connectors.getAction(request.connector, request.action);
  if (!action.undo) {
    throw new NonRetryableActivityError(`${where}: the action declares no undo`, 'NoUndoDeclared');
  }
  const key = undoKeyFor(request.idempotencyKey);
  const claim = await deps.workerApi.claimLedger({ workspaceId: request.workspaceId, key });
  if (claim.state === 'completed') {
    context.log.info('Undo already done; returning the recorded result', { stepId: request.stepId, key });
    return { fromLedger: true, output: claim.result, idempotencyKey: key };
  }

  const auth = await loadConnectionConfig(deps.workerApi, connector, request, where);
  const rendered = request.input ?? (request.templates ? renderInput(request.templates.input, request.templates.context, undefined, { htmlFields: action.htmlInputs }) : undefined);
  const input = parseActionInput(action, rendered);
  const parsedOutput = action.output.safeParse(request.output);
  if (!parsedOutput.success) {
    throw new NonRetryableActivityError(`${where}: the action's recorded output does not match its schema`, 'InvalidOutput');
  }
  context.log.info('Undoing action', { stepId: request.stepId, action: `${connector.name}.${action.name}`, key });
  const output = (await action.undo({ auth, input, output: parsedOutput.data, idempotencyKey: key, signal: context.cancellationSignal })) ?? null;
  await completeLedgerPatiently(deps.workerApi, { workspaceId: request.workspaceId, key, result: output });
  return { fromLedger: false, output, idempotencyKey: key };
}
