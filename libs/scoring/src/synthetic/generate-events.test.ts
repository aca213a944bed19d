import type { Trigger } from '@tripline/playbook';
import { runBacktest } from '../backtest/run-backtest';
import { pqlComponentModel } from '../defaults/pql-component-model';
import { seedEventModel } from '../defaults/seed-event-model';
import { DAY_MS } from '../time/calendar';
import { SYNTHETIC_EVENTS } from './catalog';
import { generateEvents } from './generate-events';
import { segmentCallsOf } from './segment-calls';

const START = Date.UTC(2025, 0, 1);
const options = { accounts: 60, days: 30, seed: 42, start: START };

describe('generateEvents', () => {
  const dataset = generateEvents(options);

  it('is deterministic for a seed and differs across seeds', () => {
    expect(JSON.stringify(generateEvents(options))).toBe(JSON.stringify(dataset));
    expect(generateEvents({ ...options, seed: 43 }).events.slice(0, 50)).not.toEqual(dataset.events.slice(0, 50));
  });

  it('produces time-ordered events in the period, with unique message ids, people and accounts', () => {
    const { events } = dataset;
    expect(events.length).toBeGreaterThan(5000);
    expect(events.every((event, index) => index === 0 || event.timestamp >= events[index - 1]!.timestamp)).toBe(true);
    expect(events[0]!.timestamp).toBeGreaterThanOrEqual(START);
    expect(events[events.length - 1]!.timestamp).toBeLessThan(START + 30 * DAY_MS);
    expect(new Set(events.map((event) => event.messageId)).size).toBe(events.length);
    expect(events.every((event) => event.person!.id.startsWith(`${event.account!.id}-u`))).toBe(true);
    expect(dataset.accounts[0]!.traits).toEqual(
      expect.objectContaining({ seats: expect.any(Number), plan: expect.any(String), employees: expect.any(Number), usage_limit: 10_000 }),
    );
  });

  it('uses the domain events, and exactly the converters complete orders, once each', () => {
    const names = new Set(dataset.events.map((event) => event.event));
    for (const name of [SYNTHETIC_EVENTS.pricingViewed, SYNTHETIC_EVENTS.trialStarted, SYNTHETIC_EVENTS.featureUsed, SYNTHETIC_EVENTS.demoRequested, SYNTHETIC_EVENTS.sessionEnded]) {
      expect(names).toContain(name);
    }
    const orders = dataset.events.filter((event) => event.event === SYNTHETIC_EVENTS.orderCompleted).map((event) => event.account!.id);
    expect(orders.sort()).toEqual([...dataset.converters].sort());
    expect(dataset.converters.length).toBeGreaterThan(5);
    expect(dataset.converters.length).toBeLessThan(25);
  });

  it('makes converters behave measurably differently', () => {
    const converters = new Set(dataset.converters);
    const perAccount = (name: string, converting: boolean): number => {
      const accounts = dataset.accounts.filter((account) => account.converts === converting).length;
      return dataset.events.filter((event) => event.event === name && converters.has(event.account!.id) === converting).length / accounts;
    };
    expect(perAccount(SYNTHETIC_EVENTS.sessionStarted, true)).toBeGreaterThan(1.5 * perAccount(SYNTHETIC_EVENTS.sessionStarted, false));
    expect(perAccount(SYNTHETIC_EVENTS.demoRequested, true)).toBeGreaterThan(2 * perAccount(SYNTHETIC_EVENTS.demoRequested, false));
  });

  it('refuses sizes it cannot make', () => {
    expect(() => generateEvents({ ...options, accounts: 0 })).toThrow('accounts is a whole number from 1 to 1000000');
    expect(() => generateEvents({ ...options, converterShare: 2 })).toThrow('converterShare is between 0 and 1');
  });
});

describe('the synthetic converters in a backtest', () => {
  const dataset = generateEvents({ ...options, accounts: 200, seed: 7 });
  const range = { from: START, to: START + 30 * DAY_MS - 1 };

  it('the seed event model finds them better than chance (lift > 1)', () => {
    // Summed over an account's people the seed table's points run high: a trial alone is 75.
    const trigger: Trigger = { kind: 'scoreThreshold', model: 'seed-event-scoring', threshold: 400, direction: 'up' };
    const result = runBacktest({ events: dataset.events, model: seedEventModel(), trigger, range, outcome: { kind: 'event', event: 'Order Completed' }, subject: 'account' });
    expect(result.population).toBe(200);
    expect(result.converted).toBe(dataset.converters.length);
    expect(result.fired.length).toBeGreaterThan(0);
    expect(result.lift).toBeGreaterThan(2);
    expect(result.recall).toBeGreaterThan(0.5);
  });

  it('the 7-factor PQL model does too', () => {
    const small = generateEvents({ ...options, accounts: 60, seed: 11 });
    const trigger: Trigger = { kind: 'scoreThreshold', model: 'pql-7-factor', threshold: 60, direction: 'up' };
    const result = runBacktest({ events: small.events, model: pqlComponentModel(), trigger, range, outcome: { kind: 'event', event: 'Order Completed' }, subject: 'account' });
    expect(result.converted).toBe(small.converters.length);
    expect(result.fired.length).toBeGreaterThan(0);
    expect(result.lift).toBeGreaterThan(2);
  });
});

describe('segmentCallsOf', () => {
  it('identifies and groups each person before their first track call', () => {
    const dataset = generateEvents({ ...options, accounts: 2, days: 3 });
    const calls = segmentCallsOf(dataset);
    const first = calls.findIndex((call) => call.type === 'track');
    expect(calls.slice(0, first).map((call) => call.type)).toEqual(['identify', 'group']);
    expect(calls[1]).toMatchObject({ type: 'group', userId: calls[0]!.userId, groupId: calls[0]!.userId.replace(/-u\d+$/, '') });
    expect(calls.filter((call) => call.type === 'track')).toHaveLength(dataset.events.length);
    const people = new Set(dataset.events.map((event) => event.person!.id));
    expect(calls.filter((call) => call.type === 'identify')).toHaveLength(people.size);
  });
});
