import { Args, Int, Query, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { badUserInput } from '../graphql/errors';
import { EventTailFilterInput, MAX_RECENT_EVENTS } from './dto/event-tail-filter.input';
import { EventTail } from './event-tail';
import type { IngestedEvent } from './ingested-event';
import { IngestedEventModel } from './models/ingested-event.model';
import { RecentEventsService } from './recent-events.service';

/** The live event tail; every role of the workspace may watch it (no @Roles: members only). */
@Resolver(() => IngestedEventModel)
export class EventTailResolver {
  constructor(
    private readonly tail: EventTail,
    private readonly recent: RecentEventsService,
  ) {}

  @Query(() => [IngestedEventModel], { description: "Your workspace's latest stored events, newest first, with their score effects" })
  recentEvents(
    @CurrentPrincipal() principal: Principal,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 50, description: `1 to ${MAX_RECENT_EVENTS}` }) limit: number,
    @Args('before', { type: () => String, nullable: true, description: 'messageId of the last event of the previous page' }) before?: string | null,
    @Args('filter', { type: () => EventTailFilterInput, nullable: true }) filter?: EventTailFilterInput | null,
  ): Promise<IngestedEvent[]> {
    if (limit < 1 || limit > MAX_RECENT_EVENTS) throw badUserInput(`limit must be between 1 and ${MAX_RECENT_EVENTS} (got ${limit})`, { field: 'limit' });
    return this.recent.list(principal.workspaceId, { limit, before, filter });
  }

  @Subscription(() => IngestedEventModel, {
    name: 'eventsIngested',
    description: "Each event your workspace stores from now on, once its batch committed, with its score effects",
    // The iterator yields the event itself rather than { eventsIngested: event }.
    resolve: (event: IngestedEvent) => event,
  })
  eventsIngested(
    @CurrentPrincipal() principal: Principal,
    @Args('filter', { type: () => EventTailFilterInput, nullable: true }) filter?: EventTailFilterInput | null,
  ): AsyncIterableIterator<IngestedEvent> {
    return this.tail.subscribe(principal.workspaceId, filter ?? {});
  }
}
