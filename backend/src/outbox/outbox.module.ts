import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RunsModule } from '../runs/runs.module';
import { TemporalModule } from '../temporal/temporal.module';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxMessageEntity } from './outbox-message.entity';
import { OutboxWriter } from './outbox-writer';

/** The transactional outbox: written by ingest, drained into Temporal by the dispatcher. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessageEntity]), TemporalModule, RunsModule],
  providers: [OutboxWriter, OutboxDispatcher],
  exports: [OutboxWriter, OutboxDispatcher],
})
export class OutboxModule {}
