import type { Trigger } from '@tripline/playbook';
import { createAggregates, recordEvent } from '../../aggregates/record-event';
import type { SubjectAggregates } from '../../aggregates/types';
import type { ScoredEvent } from '../../model/types';
import { DAY_MS } from '../../time/calendar';
import { evaluateTrigger, type EvaluateOptions } from '../evaluate-trigger';
import { planForTriggers } from '../needs';
import type { TriggerInput, TriggerResult } from '../types';

/** 2025-03-03 00:00 UTC, a Monday. */
export const T0 = Date.UTC(2025, 2, 3);
export const day = (n: number, hour = 12): number => T0 + n * DAY_MS + hour * 3_600_000;

let counter = 0;
export function event(name: string, timestamp: number, person = 'p1', properties: Record<string, unknown> = {}): ScoredEvent {
  counter += 1;
  return { messageId: `m${counter}`, event: name, timestamp, properties, person: { id: person, traits: {} }, account: { id: 'a1', traits: {} } };
}

/**
 * One subject fed events the way ingest does: record into the aggregates, then evaluate the trigger
 * at the event. Returns each event's result, in order.
 */
export class FedSubject {
  readonly aggregates: SubjectAggregates = createAggregates();
  private readonly plan;

  constructor(
    private readonly trigger: Trigger,
    private readonly extra: Omit<TriggerInput, 'now' | 'event' | 'recorded' | 'aggregates'> = {},
  ) {
    this.plan = planForTriggers([trigger]);
  }

  feed(next: ScoredEvent, options?: EvaluateOptions): TriggerResult {
    const recorded = recordEvent(this.aggregates, this.plan, next);
    return evaluateTrigger(this.trigger, { ...this.extra, now: next.timestamp, event: next, recorded, aggregates: this.aggregates }, options);
  }

  /** Feeds all; the indexes of the events that fired. */
  firedAt(events: readonly ScoredEvent[]): number[] {
    return events.flatMap((next, index) => (this.feed(next).fired ? [index] : []));
  }
}
