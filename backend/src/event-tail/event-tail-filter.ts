import type { IngestedEvent } from './ingested-event';

/** What the tail can be narrowed to; every field given must match. */
export interface EventTailFilterValues {
  event?: string | null;
  personId?: string | null;
  accountId?: string | null;
}

export function matchesTailFilter(event: IngestedEvent, filter: EventTailFilterValues): boolean {
  if (filter.event && event.event !== filter.event) return false;
  if (filter.personId && event.personId !== filter.personId) return false;
  if (filter.accountId && event.accountId !== filter.accountId) return false;
  return true;
}
