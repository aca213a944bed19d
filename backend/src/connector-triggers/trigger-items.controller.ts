import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { InternalTokenGuard } from '../worker-api/internal-token.guard';
import { parseBody } from '../worker-api/parse-body';
import { ConnectorTriggersService, type PollState } from './connector-triggers.service';
import { TriggerDeliveryService, type DeliveryResult } from './trigger-delivery.service';
import { deliveryRequestSchema } from './trigger-item.schema';

const pollErrorSchema = z.object({
  workspaceId: z.string().min(1).max(36),
  connectionId: z.string().min(1).max(36),
  trigger: z.string().min(1).max(100),
  message: z.string().min(1).max(10_000),
});

/** What the poll workflow's activities call (docs/architecture.md, "Connector triggers"). */
@Controller('internal')
@UseGuards(InternalTokenGuard)
export class TriggerItemsController {
  constructor(
    private readonly delivery: TriggerDeliveryService,
    private readonly triggers: ConnectorTriggersService,
  ) {}

  /** Items and the new checkpoint, in one transaction; a replay stores nothing twice. */
  @Post('trigger-items')
  @HttpCode(200)
  deliver(@Body() body: unknown): Promise<DeliveryResult> {
    const request = parseBody(deliveryRequestSchema, body, 'trigger delivery');
    return this.delivery.deliver({ ...request, checkpoint: request.checkpoint === undefined ? undefined : request.checkpoint });
  }

  /** Where the next poll starts, with the subscription's options; 404 when it is gone (the workflow then stops). */
  @Get('trigger-checkpoints/:workspaceId/:connectionId/:trigger')
  async checkpoint(@Param('workspaceId') workspaceId: string, @Param('connectionId') connectionId: string, @Param('trigger') trigger: string): Promise<PollState> {
    const state = await this.triggers.pollState(workspaceId, connectionId, trigger);
    if (!state) throw new NotFoundException(`No subscription to trigger '${trigger}' of connection ${connectionId} in workspace ${workspaceId}`);
    return state;
  }

  @Post('trigger-polls/errors')
  @HttpCode(200)
  async pollError(@Body() body: unknown): Promise<{ recorded: boolean }> {
    const report = parseBody(pollErrorSchema, body, 'poll error');
    return { recorded: await this.triggers.recordPollError(report.workspaceId, report.connectionId, report.trigger, report.message) };
  }
}
