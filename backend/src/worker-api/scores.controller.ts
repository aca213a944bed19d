import { BadRequestException, Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ScoreAdjustmentsService, type ScoreReading } from '../scoring/adjustments/score-adjustments.service';
import { InternalTokenGuard } from './internal-token.guard';
import { parseBody } from './parse-body';

const adjustSchema = z.object({
  workspaceId: z.string().min(1).max(36),
  runId: z.string().min(1).max(64),
  workflowId: z.string().min(1).max(300),
  stepId: z.string().min(1).max(100),
  visit: z.int().min(1),
  /** The ledger key of this step visit: `<workflowId>:<stepId>:<visit>`. */
  key: z.string().min(1).max(512),
  subject: z.object({ kind: z.enum(['person', 'account']), id: z.string().min(1).max(36) }),
  model: z.string().min(1).max(36),
  adjust: z.number().finite().min(-1_000_000).max(1_000_000).optional(),
});

@Controller('internal/scores')
@UseGuards(InternalTokenGuard)
export class InternalScoresController {
  constructor(private readonly adjustments: ScoreAdjustmentsService) {}

  /** A score step: adds `adjust` points to the subject's live score (or reads it); idempotent by `key`. */
  @Post('adjust')
  @HttpCode(200)
  adjust(@Body() body: unknown): Promise<ScoreReading> {
    const request = parseBody(adjustSchema, body, 'score adjustment');
    const expectedKey = `${request.workflowId}:${request.stepId}:${request.visit}`;
    if (request.key !== expectedKey) {
      throw new BadRequestException(`Invalid score adjustment: key: must be "<workflowId>:<stepId>:<visit>" of this step ("${expectedKey}")`);
    }
    return this.adjustments.adjust({
      workspaceId: request.workspaceId,
      runId: request.runId,
      stepId: request.stepId,
      visit: request.visit,
      key: request.key,
      subject: request.subject,
      modelId: request.model,
      ...(request.adjust === undefined ? {} : { adjust: request.adjust }),
    });
  }
}
