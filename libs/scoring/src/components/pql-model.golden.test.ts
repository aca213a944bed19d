import { pqlComponentModel } from '../defaults/pql-component-model';
import type { ScoredEvent } from '../model/types';
import { at, trackEvent } from '../test-support/events';
import { createAccountActivity, pruneActivity, recordActivity, type AccountActivity } from './account-activity';
import { evaluateComponents } from './evaluate-components';

const model = pqlComponentModel();
const account = { id: 'acme', traits: {} };
const person = (n: number) => ({ id: `p${n}`, traits: {} });

interface AccountSpec {
  /** People active on day 58 (inside the 7-day window, days 53–59). */
  weeklyActive: number;
  /** People active on day 40 (inside the 30-day window, days 30–59, outside the week). */
  monthlyActive: number;
  /** People active on day 10 (the 30 days before, days 0–29). */
  previousMonthActive: number;
  advancedFeatures: string[];
  sessionMinutes: number[];
  collaborationEvents: number;
}

/** Scored at day 59, noon. */
const NOW = at(59, 12);

/** The events of a hand-built account, plus noise each component must ignore. */
function eventsOf(spec: AccountSpec): ScoredEvent[] {
  const events: ScoredEvent[] = [];
  const on = (event: string, day: number, who: number, properties: Record<string, unknown> = {}) =>
    events.push(trackEvent(event, at(day, 9), { person: person(who), account, properties }));
  for (let n = 1; n <= spec.weeklyActive; n += 1) on('Logged In', 58, n);
  for (let n = 1; n <= spec.monthlyActive; n += 1) on('Logged In', 40, n);
  for (let n = 1; n <= spec.previousMonthActive; n += 1) on('Logged In', 10, n);
  for (const feature of spec.advancedFeatures) on('Feature Used', 45, 1, { feature, advanced: true });
  on('Feature Used', 45, 1, { feature: 'search', advanced: false }); // not advanced
  on('Feature Used', 20, 1, { feature: 'audit-log', advanced: true }); // before the 30-day window
  for (const minutes of spec.sessionMinutes) on('Session Ended', 50, 1, { duration_minutes: minutes });
  on('Session Ended', 20, 1, { duration_minutes: 300 }); // before the window
  const collaboration = ['Comment Added', 'Item Shared', 'User Mentioned'];
  for (let n = 0; n < spec.collaborationEvents; n += 1) on(collaboration[n % 3]!, 50, 1);
  return events;
}

function activityOf(spec: AccountSpec): AccountActivity {
  let activity = createAccountActivity();
  for (const event of eventsOf(spec)) activity = recordActivity(model, activity, event);
  return activity;
}

const mediumHigh: AccountSpec = {
  weeklyActive: 8,
  monthlyActive: 10,
  previousMonthActive: 8,
  advancedFeatures: ['reports', 'api', 'sso'],
  sessionMinutes: [20, 28],
  collaborationEvents: 40,
};
const mediumHighTraits = { seats: 20, active_integrations: 3, usage: 640, usage_limit: 1000 };

describe('the 7-factor PQL model of the domain material (001_*.txt)', () => {
  it('scores a hand-built account component by component', () => {
    const result = evaluateComponents(model, activityOf(mediumHigh), mediumHighTraits, NOW);
    expect(result.components.map(({ id, value, points }) => [id, value, points])).toEqual([
      // 8 of 20 seats active this week = 40 %; 40 / 80 × 20 = 10
      ['weekly-active-users', 40, 10],
      // reports, api, sso = 3 advanced features (search is not advanced, audit-log is too old); 3 / 5 × 15 = 9
      ['feature-depth', 3, 9],
      // (20 + 28) / 2 = 24 minutes (the 300-minute session is too old); 24 / 30 × 15 = 12
      ['session-duration', 24, 12],
      // 40 collaboration events / 10 people active this month = 4; 4 / 20 × 10 = 2
      ['collaboration', 4, 2],
      // 3 integrations = full points: 10
      ['integrations', 3, 10],
      // 10 people this month vs 8 the month before: (10 − 8) / 8 = 25 % ≥ 10 %: full 15
      ['org-expansion', 25, 15],
      // 640 / 1000 = 64 % of the plan limit; 64 / 80 × 15 = 12
      ['billing-proximity', 64, 12],
    ]);
    // 10 + 9 + 12 + 2 + 10 + 15 + 12 = 70 → Medium (41–70): nurture
    expect(result.score).toBe(70);
    expect(result.tier).toMatchObject({ name: 'Medium', action: 'nurture', slaHours: 48 });
  });

  it('crosses 70 → 71 into High with one more minute per session on average', () => {
    // sessions 24 and 28: average 26, 26 / 30 × 15 = 13 → 70 − 12 + 13 = 71 → High (71–100): escalate
    const result = evaluateComponents(model, activityOf({ ...mediumHigh, sessionMinutes: [24, 28] }), mediumHighTraits, NOW);
    expect(result.components[2]).toMatchObject({ value: 26, points: 13 });
    expect(result.score).toBe(71);
    expect(result.tier).toMatchObject({ name: 'High', action: 'escalate', slaHours: 24 });
  });

  it('sits on the 40 / 41 boundary between Low and Medium', () => {
    const lowMedium: AccountSpec = { ...mediumHigh, weeklyActive: 4, previousMonthActive: 10, collaborationEvents: 80 };
    const traits = { seats: 20, active_integrations: 3, usage: 0, usage_limit: 1000 };
    const low = evaluateComponents(model, activityOf(lowMedium), traits, NOW);
    expect(low.components.map((component) => component.points)).toEqual([
      5, // 4 / 20 = 20 %; 20 / 80 × 20 = 5
      9, // 3 features: 9
      12, // average 24 minutes: 12
      4, // 80 events / 10 people = 8; 8 / 20 × 10 = 4
      10, // 3 integrations: 10
      0, // 10 people vs 10: 0 % growth
      0, // no usage
    ]);
    // 5 + 9 + 12 + 4 + 10 + 0 + 0 = 40 → Low (0–40): monitor
    expect(low.score).toBe(40);
    expect(low.tier?.name).toBe('Low');
    // average 26 minutes: 13 → 41 → Medium
    const medium = evaluateComponents(model, activityOf({ ...lowMedium, sessionMinutes: [24, 28] }), traits, NOW);
    expect(medium.score).toBe(41);
    expect(medium.tier?.name).toBe('Medium');
  });

  it('caps each component at its weight and never goes below 0', () => {
    const shrinking: AccountSpec = { ...mediumHigh, weeklyActive: 20, monthlyActive: 5, previousMonthActive: 10, advancedFeatures: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] };
    const result = evaluateComponents(model, activityOf(shrinking), { ...mediumHighTraits, seats: 10, active_integrations: 9, usage: 1500 }, NOW);
    const byId = Object.fromEntries(result.components.map((component) => [component.id, component]));
    // 20 active people over 10 seats = 200 % → 20 (not 50)
    expect(byId['weekly-active-users']).toMatchObject({ value: 200, points: 20 });
    expect(byId['feature-depth']).toMatchObject({ value: 7, points: 15 });
    expect(byId['integrations']).toMatchObject({ value: 9, points: 10 });
    // overage: 150 % of the limit → full 15
    expect(byId['billing-proximity']).toMatchObject({ value: 150, points: 15 });
    // active people this month: p1–p20 (the weekly ones count too) vs p1–p10 before: +100 %
    expect(byId['org-expansion']).toMatchObject({ value: 100, points: 15 });
  });

  it('scores negative growth 0 and explains what it could not measure', () => {
    const activity = activityOf({ ...mediumHigh, weeklyActive: 2, monthlyActive: 4, previousMonthActive: 8 });
    const result = evaluateComponents(model, activity, {}, NOW);
    const byId = Object.fromEntries(result.components.map((component) => [component.id, component]));
    // 4 people vs 8: −50 % → 0 points
    expect(byId['org-expansion']).toMatchObject({ value: -50, points: 0 });
    expect(byId['weekly-active-users']).toMatchObject({ value: 0, points: 0, note: 'account trait "seats" is missing or not a positive number' });
    expect(byId['integrations']?.note).toBe('account trait "active_integrations" is missing or not a number');
    const empty = evaluateComponents(model, undefined, {}, NOW);
    expect(empty.score).toBe(0);
    expect(empty.tier?.name).toBe('Low');
    expect(empty.components.find((component) => component.id === 'session-duration')?.note).toBe('no "duration_minutes" values in the last 30 days');
  });

  it('gives the same activity whatever order the events arrive in', () => {
    const events = eventsOf(mediumHigh);
    const reversed = [...events].reverse().reduce((activity, event) => recordActivity(model, activity, event), createAccountActivity());
    expect(evaluateComponents(model, reversed, mediumHighTraits, NOW)).toEqual(evaluateComponents(model, activityOf(mediumHigh), mediumHighTraits, NOW));
  });

  it('prunes days older than the largest window (growth reads 2 × 30 days)', () => {
    const activity = activityOf(mediumHigh);
    const before = evaluateComponents(model, activity, mediumHighTraits, NOW);
    pruneActivity(model, activity, NOW);
    // day 59 − 60 + 1 = day 0 is the oldest kept: nothing recorded (days 10 to 58) is dropped yet
    expect(evaluateComponents(model, activity, mediumHighTraits, NOW)).toEqual(before);
    pruneActivity(model, activity, at(75));
    // oldest kept is day 16: day 10 (the previous month's logins) is gone
    expect(Object.keys(activity.days).map((key) => Number(key.slice(1)) - Math.floor(at(0) / 86_400_000)).sort((a, b) => a - b)).toEqual([20, 40, 45, 50, 58]);
  });
});
