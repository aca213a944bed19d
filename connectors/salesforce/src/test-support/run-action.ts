import { parseActionInput, parseConnectionConfig, type ActionDefinition } from '@tripline/connector-sdk';
import type { SalesforceConfig } from '../auth/salesforce-config';
import { salesforceConnector } from '../salesforce.connector';

/** The connection as the runtime hands it to actions: parsed by the connector's auth schema. */
export function parsedConnection(config: Record<string, unknown>): SalesforceConfig {
  return parseConnectionConfig(salesforceConnector, config) as SalesforceConfig;
}

/** Runs an action the way executeAction does: the input parsed by its schema, with an idempotency key. */
export async function runAction<TOutput = Record<string, unknown>>(
  action: ActionDefinition,
  config: Record<string, unknown>,
  input: unknown,
  idempotencyKey = 'tripline:ws-1:enrollment-1:create-task:1',
): Promise<TOutput> {
  return (await action.run({ auth: parsedConnection(config), input: parseActionInput(action, input), idempotencyKey })) as TOutput;
}

export async function undoAction(action: ActionDefinition, config: Record<string, unknown>, input: unknown, output: unknown, idempotencyKey = 'k:undo'): Promise<unknown> {
  return action.undo!({ auth: parsedConnection(config), input: parseActionInput(action, input), output: action.output.parse(output), idempotencyKey });
}
