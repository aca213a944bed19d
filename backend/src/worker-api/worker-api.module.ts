import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { LedgerModule } from '../ledger/ledger.module';
import { RunsModule } from '../runs/runs.module';
import { InternalConnectionsController } from './connections.controller';
import { LedgerController } from './ledger.controller';
import { RunEventsController } from './run-events.controller';

/** `/internal/*`: what the Temporal worker's activities call (docs/architecture.md, "Worker API"). */
@Module({
  imports: [RunsModule, ConnectionsModule, LedgerModule],
  controllers: [RunEventsController, InternalConnectionsController, LedgerController],
})
export class WorkerApiModule {}
