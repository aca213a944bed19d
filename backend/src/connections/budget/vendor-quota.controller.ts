import { Body, Controller, HttpCode, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { InternalTokenGuard } from '../../worker-api/internal-token.guard';
import { parseBody } from '../../worker-api/parse-body';
import { ConnectionsService } from '../connections.service';
import { VendorQuotasService } from './vendor-quotas.service';

const vendorQuotaSchema = z.object({
  remaining: z.number().int().min(0),
  limit: z.number().int().min(0).nullable().optional(),
  period: z.enum(['day', '24h']),
  observedAt: z.iso.datetime({ offset: true }),
});

/**
 * `POST /internal/workspaces/:workspaceId/connections/:idOrName/vendor-quota`: the worker reports
 * the quota a vendor announced with its answer (HubSpot's X-HubSpot-RateLimit-Daily-Remaining,
 * Salesforce's Sforce-Limit-Info), so the connections page can show it. No secrets pass here.
 */
@Controller('internal/workspaces/:workspaceId/connections/:idOrName/vendor-quota')
@UseGuards(InternalTokenGuard)
export class VendorQuotaController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly quotas: VendorQuotasService,
  ) {}

  @Post()
  @HttpCode(200)
  async report(@Param('workspaceId') workspaceId: string, @Param('idOrName') idOrName: string, @Body() body: unknown): Promise<{ stored: boolean }> {
    const reading = parseBody(vendorQuotaSchema, body, 'vendor quota');
    const connection = (await this.connections.findById(workspaceId, idOrName)) ?? (await this.connections.findByName(workspaceId, idOrName));
    if (!connection) throw new NotFoundException(`Connection "${idOrName}" not found in workspace ${workspaceId}`);
    const stored = await this.quotas.record(workspaceId, connection.id, {
      remaining: reading.remaining,
      limit: reading.limit ?? null,
      period: reading.period,
      observedAt: new Date(reading.observedAt),
    });
    return { stored };
  }
}
