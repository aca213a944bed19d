import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { LedgerClaim, LedgerService } from '../ledger/ledger.service';
import { InternalTokenGuard } from './internal-token.guard';
import { parseBody } from './parse-body';

const keySchema = {
  workspaceId: z.string().min(1).max(36),
  /** workflow id + activity id: unique per side effect. */
  key: z.string().min(1).max(512),
};
const claimSchema = z.object(keySchema);
const completeSchema = z.object({ ...keySchema, result: z.unknown() });

@Controller('internal/ledger')
@UseGuards(InternalTokenGuard)
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  /** Before a side effect: 'completed' (with the recorded result) means it already happened. */
  @Post('claim')
  @HttpCode(200)
  claim(@Body() body: unknown): Promise<LedgerClaim> {
    const { workspaceId, key } = parseBody(claimSchema, body, 'ledger claim');
    return this.ledger.claim(workspaceId, key);
  }

  /** After a side effect: records its result for any retry. */
  @Post('complete')
  @HttpCode(200)
  complete(@Body() body: unknown): Promise<LedgerClaim> {
    const { workspaceId, key, result } = parseBody(completeSchema, body, 'ledger completion');
    return this.ledger.complete(workspaceId, key, result);
  }
}
