import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RunWaitEntity } from './run-wait.entity';
import { RunWaitsService } from './run-waits.service';

/**
 * The waits of waitForEvent steps: registered and closed by the worker (worker-api/run-waits.controller.ts),
 * matched against track events in the ingest transaction (signal-waiting-runs.ts → outbox 'signalRun').
 */
@Module({
  imports: [TypeOrmModule.forFeature([RunWaitEntity])],
  providers: [RunWaitsService],
  exports: [RunWaitsService],
})
export class RunWaitsModule {}
