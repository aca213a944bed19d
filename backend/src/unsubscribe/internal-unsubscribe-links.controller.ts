import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { InternalTokenGuard } from '../worker-api/internal-token.guard';
import { parseBody } from '../worker-api/parse-body';
import { UnsubscribeLinksService, type UnsubscribeLinks } from './unsubscribe-links';

const linkSchema = z.object({
  workspaceId: z.string().min(1).max(36),
  email: z.string().trim().toLowerCase().max(320).email('is not an email address'),
  runId: z.string().min(1).max(36),
  /** The outreach step's ledger key. */
  key: z.string().min(1).max(512),
});

/** `/internal/unsubscribe-links`: the worker asks for a recipient's links before an email outreach step sends. */
@Controller('internal/unsubscribe-links')
@UseGuards(InternalTokenGuard)
export class InternalUnsubscribeLinksController {
  constructor(private readonly links: UnsubscribeLinksService) {}

  @Post()
  @HttpCode(200)
  create(@Body() body: unknown): UnsubscribeLinks {
    return this.links.linksFor(parseBody(linkSchema, body, 'unsubscribe link request'));
  }
}
