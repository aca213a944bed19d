import type { z } from 'zod';
import { formatIssues } from '../errors/classify-error';
import { InvalidInputError } from '../errors/connector-errors';
import type { ConnectorAuth } from '../define/auth';
import type { ActionDefinition } from '../define/define-action';
import type { ConnectorDefinition } from '../define/define-connector';

function issuesOf(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}

/** Validates a step's (rendered) input; an InvalidInputError names each offending field. */
export function parseActionInput<TInput extends z.ZodType>(
  action: ActionDefinition<TInput>,
  input: unknown,
): z.output<TInput> {
  const result = action.input.safeParse(input);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  throw new InvalidInputError(`Invalid input for action '${action.name}': ${formatIssues(issues)}`, issues);
}

/**
 * Validates a connection config. Only field names and zod's messages appear in the error, never
 * the values: the config holds secrets.
 */
export function parseConnectionConfig<TAuth extends ConnectorAuth>(
  connector: ConnectorDefinition<TAuth>,
  config: unknown,
): z.output<TAuth['config']> {
  const result = connector.auth.config.safeParse(config);
  if (result.success) return result.data as z.output<TAuth['config']>;
  const issues = issuesOf(result.error);
  throw new InvalidInputError(
    `Invalid connection config for connector '${connector.name}': ${formatIssues(issues)}`,
    issues,
  );
}
