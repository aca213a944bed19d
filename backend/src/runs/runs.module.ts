import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GraphqlPubSubModule } from '../graphql/graphql-pubsub.module';
import { RunStepEntity } from './run-step.entity';
import { RunUpdates } from './run-updates';
import { RunEntity } from './run.entity';
import { RunsResolver } from './runs.resolver';
import { RunsService } from './runs.service';

/** Runs and their step history: stored from worker events, read through GraphQL, pushed live. */
@Module({
  imports: [TypeOrmModule.forFeature([RunEntity, RunStepEntity]), GraphqlPubSubModule],
  providers: [RunsService, RunUpdates, RunsResolver],
  exports: [RunsService],
})
export class RunsModule {}
