/** The live event tail's GraphQL: the first page (`recentEvents`) and the feed (`eventsIngested`). */
import { graphql, liveClient } from '../../api/client';
import { subscribe } from '../../api/subscriptions';

export interface EventScoreEffect {
  modelId: string;
  modelName: string;
  subjectKind: 'person' | 'account';
  subjectId: string;
  points: number;
  scoreBefore: number;
  scoreAfter: number;
  tierBefore: string | null;
  tierAfter: string | null;
}

export interface IngestedEvent {
  messageId: string;
  type: string;
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  personId: string | null;
  accountId: string | null;
  timestamp: string;
  receivedAt: string;
  source: string | null;
  scoreEffects: EventScoreEffect[];
}

export interface TailFilter {
  event?: string;
}

/** The most the API returns in one page. */
export const RECENT_EVENTS_MAX = 200;

const EVENT_FIELDS = `messageId type event userId anonymousId personId accountId timestamp receivedAt source
  scoreEffects { modelId modelName subjectKind subjectId points scoreBefore scoreAfter tierBefore tierAfter }`;

const filterVariable = (filter: TailFilter) => (filter.event ? { event: filter.event } : null);

/** The latest stored events, newest first. */
export async function fetchRecentEvents(filter: TailFilter, limit = 100): Promise<IngestedEvent[]> {
  const data = await graphql<{ recentEvents: IngestedEvent[] }>(
    `query RecentEvents($limit: Int, $filter: EventTailFilter) { recentEvents(limit: $limit, filter: $filter) { ${EVENT_FIELDS} } }`,
    { limit, filter: filterVariable(filter) },
  );
  return data.recentEvents;
}

/** Each event the workspace stores from now on; returns the function that stops it. */
export function subscribeToIngestedEvents(filter: TailFilter, onEvent: (event: IngestedEvent) => void, onError: (message: string) => void): () => void {
  return subscribe<{ eventsIngested: IngestedEvent }>(
    liveClient(),
    `subscription EventsIngested($filter: EventTailFilter) { eventsIngested(filter: $filter) { ${EVENT_FIELDS} } }`,
    { filter: filterVariable(filter) },
    { next: (data) => onEvent(data.eventsIngested), error: onError },
  );
}
