import { InvalidInputError, formatIssues } from '@tripline/connector-sdk';
import type { z } from 'zod';

/**
 * Parses a config or options object (defaults applied) or throws an InvalidInputError naming each
 * field. Only field names and zod's messages appear, never the values: a connection holds a secret.
 */
export function parseOrThrow<TSchema extends z.ZodType>(schema: TSchema, value: unknown, what: string): z.output<TSchema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
  throw new InvalidInputError(`Invalid ${what}: ${formatIssues(issues)}`, issues);
}
