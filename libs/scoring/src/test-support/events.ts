import type { ScoredEvent } from '../model/types';
import { DAY_MS } from '../time/calendar';

/** 2025-03-03 00:00 UTC, a Monday: a fixed origin so calendar caps land where the tests say. */
export const MONDAY = Date.UTC(2025, 2, 3);
export const HOUR_MS = 3_600_000;

/** Epoch ms of `day` days and `hour` hours after MONDAY. */
export const at = (day: number, hour = 0): number => MONDAY + day * DAY_MS + hour * HOUR_MS;

let counter = 0;

/** A track event for tests; the messageId is unique unless given. */
export function trackEvent(event: string, timestamp: number, options: Partial<Omit<ScoredEvent, 'event' | 'timestamp'>> = {}): ScoredEvent {
  counter += 1;
  return {
    messageId: options.messageId ?? `msg-${counter}`,
    event,
    timestamp,
    properties: options.properties ?? {},
    ...(options.person ? { person: options.person } : { person: { id: 'person-1', traits: {} } }),
    ...(options.account ? { account: options.account } : {}),
  };
}
