import { Module } from '@nestjs/common';
import { GraphqlPubSubModule } from '../graphql/graphql-pubsub.module';
import { ScoringModule } from '../scoring/scoring.module';
import { EventTail } from './event-tail';
import { EventTailResolver } from './event-tail.resolver';
import { RecentEventsService } from './recent-events.service';

/** The live event tail: `eventsIngested` (published by ingest after commit) and `recentEvents`. See README.md. */
@Module({
  imports: [GraphqlPubSubModule, ScoringModule],
  providers: [EventTail, RecentEventsService, EventTailResolver],
  exports: [EventTail],
})
export class EventTailModule {}
