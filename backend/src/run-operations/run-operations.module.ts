import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RunsModule } from '../runs/runs.module';
import { TemporalModule } from '../temporal/temporal.module';
import { RunOperationEntity } from './run-operation.entity';
import { RunOperationsResolver } from './run-operations.resolver';
import { RunOperationsService } from './run-operations.service';

/** Operator actions on runs: retry, cancel, reset, bulk retry; recorded in run_operations. */
@Module({
  imports: [TypeOrmModule.forFeature([RunOperationEntity]), RunsModule, TemporalModule],
  providers: [RunOperationsService, RunOperationsResolver],
})
export class RunOperationsModule {}
