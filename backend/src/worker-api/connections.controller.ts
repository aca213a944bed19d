import { Controller, Get, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ConnectionsService, ResolvedConnection } from '../connections/connections.service';
import { InternalTokenGuard } from './internal-token.guard';

@Controller('internal/workspaces/:workspaceId/connections')
@UseGuards(InternalTokenGuard)
export class InternalConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  /** The decrypted config an action needs. Never logged: the response holds credentials. */
  @Get(':idOrName')
  async resolve(@Param('workspaceId') workspaceId: string, @Param('idOrName') idOrName: string): Promise<ResolvedConnection> {
    const connection = await this.connections.resolve(workspaceId, idOrName);
    if (!connection) throw new NotFoundException(`Connection "${idOrName}" not found in workspace ${workspaceId}`);
    return connection;
  }
}
