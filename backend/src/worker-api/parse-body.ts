import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

/**
 * Parses an untrusted body with a zod schema; on failure a 400 whose message names the field,
 * e.g. `Invalid run event: status: Invalid option: expected one of "pending"|"running"|...`.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, what = 'request body'): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`);
  throw new BadRequestException(`Invalid ${what}: ${problems.join('; ')}`);
}
