import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { OUTREACH_CHANNELS } from '../frequency-caps/frequency-cap-rules';
import { ClaimAnswer, CommitAnswer, FrequencyCapsService } from '../frequency-caps/frequency-caps.service';
import { InternalTokenGuard } from './internal-token.guard';
import { parseBody } from './parse-body';

const keyFields = {
  workspaceId: z.string().min(1).max(36),
  /** The outreach step's ledger key. */
  key: z.string().min(1).max(512),
};

const claimSchema = z.object({
  ...keyFields,
  contact: z.object({ kind: z.enum(['person', 'account']), id: z.string().min(1).max(255) }),
  channel: z.enum(OUTREACH_CHANNELS),
  playbookId: z.string().min(1).max(64),
  runId: z.string().min(1).max(36),
  priority: z.number().int().min(0).max(100),
});

const commitSchema = z.object(keyFields);

@Controller('internal/frequency-caps')
@UseGuards(InternalTokenGuard)
export class FrequencyCapsController {
  constructor(private readonly caps: FrequencyCapsService) {}

  /** Before an outreach action: reserve the contact, or learn why not (and when it may try again). */
  @Post('claim')
  @HttpCode(200)
  claim(@Body() body: unknown): Promise<ClaimAnswer> {
    return this.caps.claim(parseBody(claimSchema, body, 'frequency cap claim'));
  }

  /** Right before the vendor call: the reservation counts from now on, unless it was taken over. */
  @Post('commit')
  @HttpCode(200)
  commit(@Body() body: unknown): Promise<CommitAnswer> {
    const { workspaceId, key } = parseBody(commitSchema, body, 'frequency cap commit');
    return this.caps.commit(workspaceId, key);
  }
}
