import type { ScoringModel } from '../model/types';
import { tierOf } from '../tiers/tier-of';
import { DAY_MS, utcDayOf } from '../time/calendar';
import type { BacktestSummary } from './types';
import type { SubjectBook } from './subject-book';
import type { TriggerReplay } from './trigger-replay';

export const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** What the population looks like against the outcome, shared by the draft and the baseline. */
export interface Outcomes {
  population: ReadonlySet<string>;
  converted: ReadonlySet<string>;
  /** Whether a subject that first fired at `firedAt` converted after it (traits: converted at all). */
  predicted(id: string, firedAt: number): boolean;
}

function tierDistribution(
  model: ScoringModel,
  replay: TriggerReplay,
  book: SubjectBook,
  population: ReadonlySet<string>,
  at: number,
  scores?: Record<string, number>,
): BacktestSummary['tierDistribution'] {
  const counts = new Map<string, number>(model.tiers.map((tier) => [tier.name, 0]));
  let none = 0;
  for (const id of population) {
    const score = replay.scoreAt(book.recordOf(id), at);
    if (scores) scores[id] = score;
    const tier = tierOf(model, score);
    if (tier === null) none += 1;
    else counts.set(tier.name, (counts.get(tier.name) ?? 0) + 1);
  }
  const distribution = [...counts].map(([tier, count]) => ({ tier, count }));
  return none > 0 ? [...distribution, { tier: 'none', count: none }] : distribution;
}

/** Fires per day, tiers at the range end, precision / recall / lift of one replay. */
export function summarize(replay: TriggerReplay, book: SubjectBook, outcomes: Outcomes, range: { from: number; to: number }, scores?: Record<string, number>): BacktestSummary {
  const firesPerDay: BacktestSummary['firesPerDay'] = [];
  for (let day = utcDayOf(range.from); day <= utcDayOf(range.to); day += 1) {
    firesPerDay.push({ day: isoDay(day), count: replay.firesByDay.get(day)?.size ?? 0 });
  }
  const fired = [...replay.firstFireAt.keys()].sort();
  let truePositives = 0;
  for (const [id, firedAt] of replay.firstFireAt) if (outcomes.predicted(id, firedAt)) truePositives += 1;
  const population = outcomes.population.size;
  const baseRate = population > 0 ? outcomes.converted.size / population : null;
  const precision = fired.length > 0 ? truePositives / fired.length : null;
  const recall = outcomes.converted.size > 0 ? truePositives / outcomes.converted.size : null;
  const lift = precision !== null && baseRate !== null && baseRate > 0 ? precision / baseRate : null;
  return {
    firesPerDay,
    tierDistribution: tierDistribution(replay.model, replay, book, outcomes.population, range.to, scores),
    fired,
    truePositives,
    precision,
    recall,
    lift,
  };
}
