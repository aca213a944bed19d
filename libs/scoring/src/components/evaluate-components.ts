import { readPropertyPath } from '@tripline/playbook';
import type { ComponentMetric, ComponentScoringModel, Tier } from '../model/types';
import { tierOf } from '../tiers/tier-of';
import { utcDayOf } from '../time/calendar';
import type { AccountActivity } from './account-activity';
import { ANY_ACTIVE_PEOPLE, needsOfMetric } from './activity-needs';
import { distinctPeople, distinctValues, eventCount, propertySum } from './window-reads';

/** One component's share of a component-model score. */
export interface ComponentResult {
  id: string;
  name: string;
  /** The metric's value (percentages as 0–100+, counts, minutes...). */
  value: number;
  /** min(value / fullPointsAt, 1) × weight, never below 0. */
  points: number;
  fullPointsAt: number;
  weight: number;
  /** Why the value is 0 when it could not be measured (a missing trait, no sessions yet...). */
  note?: string;
}

export interface ComponentScore {
  /** Σ component points: 0–100 since weights sum to 100. Full precision; round for display. */
  score: number;
  tier: Tier | null;
  components: ComponentResult[];
}

interface Measured {
  value: number;
  note?: string;
}

function numericTrait(traits: Record<string, unknown>, name: string): number | undefined {
  const value = readPropertyPath(traits, name);
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** 100 × part / whole, multiplied first so whole-number inputs give exact results (64 of 100 is 64, not 64.00000000000001). */
const percent = (part: number, whole: number): number => (100 * part) / whole;

function measure(metric: ComponentMetric, activity: AccountActivity, traits: Record<string, unknown>, today: number): Measured {
  const [need] = needsOfMetric(metric);
  const windowStart = 'windowDays' in metric ? today - metric.windowDays + 1 : today;
  switch (metric.kind) {
    case 'activeUsersRatio': {
      const seats = numericTrait(traits, metric.denominatorTrait);
      if (seats === undefined || seats <= 0) return { value: 0, note: `account trait "${metric.denominatorTrait}" is missing or not a positive number` };
      return { value: percent(distinctPeople(activity, need!.key, windowStart, today), seats) };
    }
    case 'distinctPropertyValues':
      return { value: distinctValues(activity, need!.key, windowStart, today) };
    case 'averageProperty': {
      const [sum, count] = propertySum(activity, need!.key, windowStart, today);
      return count === 0 ? { value: 0, note: `no "${metric.property}" values in the last ${metric.windowDays} days` } : { value: sum / count };
    }
    case 'eventsPerActiveUser': {
      const people = distinctPeople(activity, ANY_ACTIVE_PEOPLE.key, windowStart, today);
      if (people === 0) return { value: 0, note: `no active people in the last ${metric.windowDays} days` };
      return { value: eventCount(activity, need!.key, windowStart, today) / people };
    }
    case 'trait': {
      const value = numericTrait(traits, metric.trait);
      return value === undefined ? { value: 0, note: `account trait "${metric.trait}" is missing or not a number` } : { value };
    }
    case 'activeUsersGrowth': {
      const current = distinctPeople(activity, ANY_ACTIVE_PEOPLE.key, windowStart, today);
      const previous = distinctPeople(activity, ANY_ACTIVE_PEOPLE.key, windowStart - metric.windowDays, windowStart - 1);
      if (previous === 0) return { value: 0, note: `no active people in the ${metric.windowDays} days before, so no growth rate yet` };
      return { value: percent(current - previous, previous) };
    }
    case 'traitRatio': {
      const whole = numericTrait(traits, metric.denominatorTrait);
      const part = numericTrait(traits, metric.numeratorTrait);
      if (whole === undefined || whole <= 0) return { value: 0, note: `account trait "${metric.denominatorTrait}" is missing or not a positive number` };
      if (part === undefined) return { value: 0, note: `account trait "${metric.numeratorTrait}" is missing or not a number` };
      return { value: percent(part, whole) };
    }
  }
}

/** Linear up to the threshold; multiplied before dividing so exact inputs stay exact (3 of 5 features × 15 = 9). */
function pointsFor(value: number, fullPointsAt: number, weight: number): number {
  if (!(value > 0)) return 0;
  if (value >= fullPointsAt) return weight;
  return (weight * value) / fullPointsAt;
}

/**
 * Scores an account with a component model at `at`: each component's metric over its window (the
 * `windowDays` UTC days ending with the day of `at`), min(value / fullPointsAt, 1) × weight points,
 * and their sum 0–100 with its tier.
 */
export function evaluateComponents(
  model: ComponentScoringModel,
  activity: AccountActivity | undefined,
  traits: Record<string, unknown>,
  at: number,
): ComponentScore {
  const today = utcDayOf(at);
  const source = activity ?? { v: 1 as const, days: {} };
  let score = 0;
  const components = model.components.map((component): ComponentResult => {
    const measured = measure(component.metric, source, traits ?? {}, today);
    const points = pointsFor(measured.value, component.fullPointsAt, component.weight);
    score += points;
    const result: ComponentResult = { id: component.id, name: component.name, value: measured.value, points, fullPointsAt: component.fullPointsAt, weight: component.weight };
    if (measured.note !== undefined) result.note = measured.note;
    return result;
  });
  return { score, tier: tierOf(model, score), components };
}
