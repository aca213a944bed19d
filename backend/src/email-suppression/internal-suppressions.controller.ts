import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { InternalTokenGuard } from '../worker-api/internal-token.guard';
import { parseBody } from '../worker-api/parse-body';
import { EmailSuppressionsService, type SuppressedAddress } from './email-suppressions.service';

const workspaceId = z.string().min(1).max(36);
const email = z.string().trim().min(1).max(320);
const address = z.string().trim().toLowerCase().max(320).email('is not an email address');

const checkSchema = z.object({ workspaceId, emails: z.array(email).min(1).max(1000) });
const addSchema = z.object({
  workspaceId,
  /** Only what the runtime learns by sending; unsubscribes come through /v1/unsubscribe, manual entries through GraphQL. */
  entries: z.array(z.object({ email: address, reason: z.enum(['hardBounce', 'complaint']), detail: z.string().max(1000) })).min(1).max(1000),
  runId: z.string().min(1).max(36).optional(),
  /** The outreach step's ledger key. */
  key: z.string().min(1).max(512).optional(),
});

/**
 * `/internal/suppressions`: the worker asks before an email outreach step sends (executeAction), and
 * reports hard bounces after.
 */
@Controller('internal/suppressions')
@UseGuards(InternalTokenGuard)
export class InternalSuppressionsController {
  constructor(private readonly suppressions: EmailSuppressionsService) {}

  /** The addresses among `emails` that are suppressed (lower-cased), with why; empty when none is. */
  @Post('check')
  @HttpCode(200)
  async check(@Body() body: unknown): Promise<{ suppressed: SuppressedAddress[] }> {
    const request = parseBody(checkSchema, body, 'suppression check');
    return { suppressed: await this.suppressions.suppressedAmong(request.workspaceId, request.emails) };
  }

  /** Idempotent: an address already on the list keeps its entry. 400 naming a malformed address. */
  @Post()
  @HttpCode(200)
  async add(@Body() body: unknown): Promise<{ suppressed: string[] }> {
    const request = parseBody(addSchema, body, 'suppression');
    const rows = await this.suppressions.add(
      request.workspaceId,
      request.entries.map((entry) => ({ ...entry, sourceRunId: request.runId ?? null, sourceKey: request.key ?? null })),
    );
    return { suppressed: rows.map((row) => row.email) };
  }
}
