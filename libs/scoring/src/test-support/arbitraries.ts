import fc from 'fast-check';
import type { Decay, EventRule, EventScoringModel, ScoredEvent } from '../model/types';
import { MONDAY } from './events';

const EVENT_NAMES = ['Pricing Page Viewed', 'Trial Started', 'Feature Used', 'Demo Requested'] as const;

const decayArbitrary: fc.Arbitrary<Decay> = fc.oneof(
  fc.constant<Decay>({ kind: 'none' }),
  fc.double({ min: 0.25, max: 60, noNaN: true }).map((days): Decay => ({ kind: 'halfLife', days })),
  fc.integer({ min: 1, max: 30 }).map((days): Decay => ({ kind: 'window', days })),
);

const ruleArbitrary = (index: number): fc.Arbitrary<EventRule> =>
  fc
    .record({
      event: fc.constantFrom(...EVENT_NAMES),
      points: fc.oneof(fc.integer({ min: -50, max: 100 }), fc.double({ min: -50, max: 100, noNaN: true })),
      weight: fc.constantFrom(0.5, 1, 1.2, 1.5, 2, 3),
      cap: fc.option(fc.record({ count: fc.integer({ min: 1, max: 3 }), per: fc.constantFrom('day' as const, 'week' as const, 'month' as const) }), { nil: undefined }),
      pro: fc.boolean(),
    })
    .map(({ event, points, weight, cap, pro }) => {
      const rule: EventRule = { id: `rule-${index}`, event, points, weight };
      if (cap) rule.cap = cap;
      if (pro) rule.where = { property: 'event.properties.plan', operator: 'eq', value: 'pro' };
      return rule;
    });

/** Random event models: 1–6 rules over four event names, caps, filters, negative and fractional points, every decay. */
export const eventModelArbitrary: fc.Arbitrary<EventScoringModel> = fc
  .tuple(fc.integer({ min: 1, max: 6 }), decayArbitrary)
  .chain(([count, decay]) =>
    fc.tuple(...Array.from({ length: count }, (_, index) => ruleArbitrary(index))).map(
      (rules): EventScoringModel => ({
        schemaVersion: 1,
        id: 'random',
        version: 1,
        name: 'random',
        kind: 'events',
        rules,
        decay,
        rollup: 'sum',
        tiers: [{ name: 'Any', min: 0, max: 100 }],
      }),
    ),
  );

/** Random events of up to three people over `spanDays`, with repeated instants so ties are exercised. */
export const eventsArbitrary = (spanDays: number, maxLength = 60): fc.Arbitrary<ScoredEvent[]> =>
  fc
    .array(
      fc.record({
        event: fc.constantFrom(...EVENT_NAMES),
        // 09:00 or 15:00 of a day, so many events share an instant (ties are broken by messageId)
        minute: fc.tuple(fc.integer({ min: 0, max: spanDays - 1 }), fc.constantFrom(540, 900)).map(([day, minute]) => day * 1440 + minute),
        person: fc.constantFrom('p1', 'p2', 'p3'),
        plan: fc.constantFrom('pro', 'free'),
      }),
      { minLength: 1, maxLength },
    )
    .map((drafts) =>
      drafts.map(
        (draft, index): ScoredEvent => ({
          messageId: `m${String(index).padStart(3, '0')}`,
          event: draft.event,
          timestamp: MONDAY + draft.minute * 60_000,
          properties: { plan: draft.plan },
          person: { id: draft.person, traits: {} },
          account: { id: 'acme', traits: {} },
        }),
      ),
    );
