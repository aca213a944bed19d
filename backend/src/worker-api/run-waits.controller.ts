import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import type { OpenRunWaitResult } from '@tripline/playbook';
import { filterSchema } from '@tripline/playbook';
import { z } from 'zod';
import { RunWaitsService } from '../run-waits/run-waits.service';
import { InternalTokenGuard } from './internal-token.guard';
import { parseBody } from './parse-body';

const keySchema = {
  workspaceId: z.string().min(1).max(36),
  workflowId: z.string().min(1).max(512),
  stepId: z.string().min(1).max(255),
  visit: z.number().int().min(1),
  temporalRunId: z.string().min(1).max(64),
};
const isoTime = z.iso.datetime({ offset: true });
const openSchema = z
  .object({
    ...keySchema,
    runId: z.string().min(1).max(36),
    subject: z.object({ kind: z.enum(['person', 'account']), id: z.string().min(1).max(255) }),
    event: z.object({ name: z.string().min(1).max(255), where: filterSchema.optional() }),
    openedAt: isoTime,
    expiresAt: isoTime,
  })
  .refine((body) => Date.parse(body.expiresAt) > Date.parse(body.openedAt), { message: 'must be after openedAt', path: ['expiresAt'] });
const closeSchema = z.object({
  ...keySchema,
  outcome: z.enum(['received', 'timedOut', 'cancelled']),
  messageId: z.string().min(1).max(255).optional(),
});

@Controller('internal/run-waits')
@UseGuards(InternalTokenGuard)
export class RunWaitsController {
  constructor(private readonly runWaits: RunWaitsService) {}

  /** A waitForEvent step starts: ingest will signal the run when the event arrives (or it already has). */
  @Post()
  @HttpCode(200)
  open(@Body() body: unknown): Promise<OpenRunWaitResult> {
    return this.runWaits.open(parseBody(openSchema, body, 'run wait'));
  }

  /** The step ended (received, timed out or cancelled): ingest stops matching the wait. */
  @Post('close')
  @HttpCode(200)
  close(@Body() body: unknown): Promise<{ closed: boolean }> {
    return this.runWaits.close(parseBody(closeSchema, body, 'run wait closing'));
  }
}
