import { Module } from '@nestjs/common';
import { ApprovalsModule } from '../approvals/approvals.module';
import { ConnectionsModule } from '../connections/connections.module';
import { FrequencyCapsModule } from '../frequency-caps/frequency-caps.module';
import { LedgerModule } from '../ledger/ledger.module';
import { RunsModule } from '../runs/runs.module';
import { RunWaitsModule } from '../run-waits/run-waits.module';
import { ScoreAdjustmentsModule } from '../scoring/adjustments/score-adjustments.module';
import { ApprovalsController } from './approvals.controller';
import { InternalConnectionsController } from './connections.controller';
import { FrequencyCapsController } from './frequency-caps.controller';
import { LedgerController } from './ledger.controller';
import { RunEventsController } from './run-events.controller';
import { RunWaitsController } from './run-waits.controller';
import { InternalScoresController } from './scores.controller';

/** `/internal/*`: what the Temporal worker's activities call (docs/architecture.md, "Worker API"). */
@Module({
  imports: [RunsModule, ConnectionsModule, LedgerModule, ApprovalsModule, RunWaitsModule, FrequencyCapsModule, ScoreAdjustmentsModule],
  controllers: [RunEventsController, InternalConnectionsController, LedgerController, ApprovalsController, RunWaitsController, FrequencyCapsController, InternalScoresController],
})
export class WorkerApiModule {}
