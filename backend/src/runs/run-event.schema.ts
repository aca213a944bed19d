import { STEP_KINDS, type RunEvent } from '@tripline/playbook';
import { z } from 'zod';
import { parseBody } from '../worker-api/parse-body';
import { RUN_STATUSES } from './run-status';

const STEP_STATUSES = ['running', 'completed', 'failed', 'skipped'] as const;
/** Long stack traces are cut rather than rejected: losing the event would hide the failure. */
const MAX_ERROR_LENGTH = 4000;

const common = {
  runId: z.string().min(1).max(36),
  workspaceId: z.string().min(1).max(36),
  error: z
    .string()
    .optional()
    .transform((error) => (error && error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH)}…` : error)),
  at: z.iso.datetime({ offset: true, error: 'at must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00.000Z' }),
};

export const runEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), ...common, status: z.enum(RUN_STATUSES) }),
  z.object({
    type: z.literal('step'),
    ...common,
    stepId: z.string().min(1).max(255),
    kind: z.enum(STEP_KINDS),
    status: z.enum(STEP_STATUSES),
    port: z.string().min(1).max(255).optional(),
    input: z.unknown().optional(),
    output: z.unknown().optional(),
  }),
]);

/** Checks a run event from the worker; 400 naming the field when it is malformed. */
export function parseRunEvent(body: unknown): RunEvent {
  return parseBody(runEventSchema, body, 'run event') as RunEvent;
}
