import { BadRequestException, Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import type { ChangeLevelTimeoutResponse, ChangeNotificationsResponse } from '@tripline/playbook';
import { z } from 'zod';
import { InternalTokenGuard } from '../../worker-api/internal-token.guard';
import { parseBody } from '../../worker-api/parse-body';
import { ChangeNotifications } from '../notifications/change-notifications.service';
import { ChangeLevelTimeouts } from './change-level-timeouts';

const position = {
  workspaceId: z.string().min(1).max(36),
  attempt: z.number().int().min(1),
  level: z.number().int().min(0).max(100),
};
const notificationsSchema = z.object({ ...position, reason: z.enum(['opened', 'reminder', 'escalated']), sequence: z.number().int().min(0) });
const timeoutSchema = z.object(position);

/**
 * `/internal/change-requests/:id/*`: what the changeApproval workflow's activities call — the emails
 * to send for a level now, and the level's escalation and expiry. Bodies name the workspace, attempt
 * and level the workflow is at; a request that moved on answers `stale`.
 */
@Controller('internal/change-requests')
@UseGuards(InternalTokenGuard)
export class InternalChangeRequestsController {
  constructor(
    private readonly notifications: ChangeNotifications,
    private readonly timeouts: ChangeLevelTimeouts,
  ) {}

  @Post(':id/notifications')
  @HttpCode(200)
  notify(@Param('id') id: string, @Body() body: unknown): Promise<ChangeNotificationsResponse> {
    return this.notifications.messages(checkedId(id), parseBody(notificationsSchema, body, 'change notifications request'));
  }

  @Post(':id/escalate')
  @HttpCode(200)
  escalate(@Param('id') id: string, @Body() body: unknown): Promise<ChangeLevelTimeoutResponse> {
    return this.timeouts.escalate(checkedId(id), parseBody(timeoutSchema, body, 'change level escalation'));
  }

  @Post(':id/expire')
  @HttpCode(200)
  expire(@Param('id') id: string, @Body() body: unknown): Promise<ChangeLevelTimeoutResponse> {
    return this.timeouts.expire(checkedId(id), parseBody(timeoutSchema, body, 'change level expiry'));
  }
}

function checkedId(id: string): string {
  if (id.length === 0 || id.length > 36) throw new BadRequestException('The change request id in the URL is not one of ours');
  return id;
}
