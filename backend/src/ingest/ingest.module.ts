import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { OutboxModule } from '../outbox/outbox.module';
import { ScoringModule } from '../scoring/scoring.module';
import { TriggersModule } from '../triggers/triggers.module';
import { EventTailModule } from '../event-tail/event-tail.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { EventEntity } from './event.entity';
import { IngestRoutes } from './ingest.routes';
import { IngestService } from './ingest.service';

/** Segment-compatible ingest at /v1/*: events, identity, trigger firings into the outbox, one transaction. */
@Module({
  imports: [TypeOrmModule.forFeature([EventEntity]), WorkspacesModule, IdentityModule, TriggersModule, OutboxModule, ScoringModule, EventTailModule],
  providers: [IngestService, IngestRoutes],
  exports: [IngestService],
})
export class IngestModule {}
