import { BadRequestException, Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import type { ClosedApprovalRequest, EscalatedApprovalRequest, OpenedApprovalRequest } from '@tripline/playbook';
import { MAX_APPROVAL_COMMENT_LENGTH } from '@tripline/playbook';
import { z } from 'zod';
import { ApprovalGatesService } from '../approvals/approval-gates.service';
import { InternalTokenGuard } from './internal-token.guard';
import { parseBody } from './parse-body';

const id = z.string().min(1).max(36);
const isoDate = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });
const names = z.array(z.string().min(1).max(320)).max(100).optional();
const assignees = z.object({ users: names, roles: names });

const openSchema = z.object({
  workspaceId: id,
  runId: id,
  key: z.string().min(1).max(1024),
  stepId: z.string().min(1).max(255),
  visit: z.number().int().min(1),
  stepLabel: z.string().max(500).nullable(),
  assignees,
  escalateTo: assignees.nullable(),
  // Built by the workflow from plain trait values; stored and shown as JSON.
  summary: z.object({ text: z.string().max(2000), subject: z.object({ kind: z.enum(['person', 'account']), id: z.string(), label: z.string() }) }).loose(),
  dueAt: isoDate,
});
const escalateSchema = z.object({ workspaceId: id, requestId: id, at: isoDate, dueAt: isoDate });
const closeSchema = z.object({
  workspaceId: id,
  requestId: id,
  decision: z.enum(['approve', 'reject']),
  decidedBy: z.string().min(1).max(36),
  comment: z.string().max(MAX_APPROVAL_COMMENT_LENGTH).nullable(),
  reason: z.enum(['decision', 'timeout', 'cancelled']),
  decidedAt: isoDate,
});

/** `/internal/approvals`: the approval gate step's activities open, escalate and close requests. */
@Controller('internal/approvals')
@UseGuards(InternalTokenGuard)
export class ApprovalsController {
  constructor(private readonly gates: ApprovalGatesService) {}

  /** Idempotent by key; 422 naming every assignee that cannot be resolved. */
  @Post()
  @HttpCode(200)
  open(@Body() body: unknown): Promise<OpenedApprovalRequest> {
    return this.gates.open(parseBody(openSchema, body, 'approval request') as never);
  }

  @Post(':id/escalate')
  @HttpCode(200)
  escalate(@Param('id') requestId: string, @Body() body: unknown): Promise<EscalatedApprovalRequest> {
    return this.gates.escalate(parseBody(escalateSchema, withId(body, requestId), 'approval escalation'));
  }

  /** Records the decision the workflow accepted; repeating it is a no-op, contradicting it a 409. */
  @Post(':id/close')
  @HttpCode(200)
  close(@Param('id') requestId: string, @Body() body: unknown): Promise<ClosedApprovalRequest> {
    return this.gates.close(parseBody(closeSchema, withId(body, requestId), 'approval close'));
  }
}

/** The URL names the request; a body naming another one is a mistake worth reporting. */
function withId(body: unknown, requestId: string): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const named = (body as { requestId?: unknown }).requestId;
  if (named !== undefined && named !== requestId) throw new BadRequestException(`requestId "${String(named)}" does not match the URL's request ${requestId}`);
  return { ...body, requestId };
}
