import { BadRequestException, Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { RunsService } from '../runs/runs.service';
import { InternalTokenGuard } from './internal-token.guard';

@Controller('internal/runs')
@UseGuards(InternalTokenGuard)
export class RunEventsController {
  constructor(private readonly runs: RunsService) {}

  /** A run or step status change from the worker; stored idempotently and pushed to runUpdated. */
  @Post(':runId/events')
  @HttpCode(200)
  async record(@Param('runId') runId: string, @Body() body: unknown) {
    const event = withRunId(body, runId);
    const { changed, run } = await this.runs.applyEvent(event);
    return { changed, runId: run.id, status: run.status };
  }
}

/** The URL names the run; a body naming another one is a mistake worth reporting. */
function withRunId(body: unknown, runId: string): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const bodyRunId = (body as { runId?: unknown }).runId;
  if (bodyRunId === undefined) return { ...body, runId };
  if (bodyRunId !== runId) throw new BadRequestException(`Invalid run event: runId: "${String(bodyRunId)}" does not match the URL's run ${runId}`);
  return body;
}
