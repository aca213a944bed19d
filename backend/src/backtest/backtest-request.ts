/**
 * The parts of a backtest request checked without the database: the range, the outcome, and draft
 * models and triggers given as JSON (the same checks publishing runs). Every problem is a
 * BAD_USER_INPUT whose message names the field. Pure.
 */
import { triggerSchema, validate, type Trigger } from '@tripline/playbook';
import { DAY_MS, parseScoringModel, type BacktestOutcome, type ScoringModel } from '@tripline/scoring';
import { z } from 'zod';
import { badUserInput } from '../graphql/errors';
import { BACKTEST_LIMITS } from './backtest-limits';

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

function listed(messages: readonly string[]): string {
  return `${messages.slice(0, 5).join('; ')}${messages.length > 5 ? '; …' : ''}`;
}

export function checkRange(from: Date, to: Date): { from: number; to: number } {
  const start = from.getTime();
  const end = to.getTime();
  if (!Number.isFinite(start)) throw badUserInput('from: is not a date-time');
  if (!Number.isFinite(end)) throw badUserInput('to: is not a date-time');
  if (start > end) throw badUserInput(`from (${from.toISOString()}) is after to (${to.toISOString()}): give a range with from ≤ to`);
  const days = (end - start) / DAY_MS;
  if (days > BACKTEST_LIMITS.maxRangeDays) throw badUserInput(`from–to spans ${Math.ceil(days)} days; a backtest covers at most ${BACKTEST_LIMITS.maxRangeDays} days`);
  return { from: start, to: end };
}

const nonEmpty = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required (a non-empty string)' : 'must be a string') })
  .trim()
  .min(1, 'is required (a non-empty string)')
  .max(255, 'is at most 255 characters');
const outcomeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('event'), event: nonEmpty }),
    z.strictObject({ kind: z.literal('trait'), trait: nonEmpty, equals: z.union([z.string(), z.number(), z.boolean(), z.null()]) }),
  ],
  { error: 'kind must be "event" ({ kind: "event", event }) or "trait" ({ kind: "trait", trait, equals })' },
);

export function parseOutcome(input: unknown): BacktestOutcome {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw badUserInput('outcome: must be a JSON object, { kind: "event", event } or { kind: "trait", trait, equals }');
  }
  const parsed = outcomeSchema.safeParse(input, { jitless: true });
  if (parsed.success) return parsed.data;
  // Each message names its field: "outcome.event: is required (a non-empty string)".
  throw badUserInput(listed(parsed.error.issues.map((issue) => `${['outcome', ...issue.path.map(String)].join('.')}: ${issue.message}`)));
}

/** A playbook around the trigger, so validate() checks it exactly as publishing would. */
function playbookAround(trigger: unknown): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'backtest',
    version: 1,
    name: 'Backtest',
    trigger,
    enrollment: { subject: 'person', reenroll: 'never' },
    start: 'end',
    nodes: { end: { kind: 'end' } },
    edges: [],
  };
}

/** `what` names the source in messages: "trigger" or "the playbook's draft trigger". */
export function parseTrigger(input: unknown, what: string): Trigger {
  if (input === undefined || input === null) throw badUserInput(`${what}: is required (a trigger object)`);
  const result = validate(playbookAround(input));
  const problems = result.problems.filter((problem) => problem.path?.[0] === 'trigger').map((problem) => problem.message);
  if (problems.length > 0) throw badUserInput(`${what} has ${plural(problems.length, 'problem')}: ${listed(problems)}`, { problems });
  return triggerSchema.parse(input, { jitless: true });
}

/** `what` names the source in messages: "model" or "the scoring model's draft". */
export function parseModel(input: unknown, what: string): ScoringModel {
  const parsed = parseScoringModel(input);
  if (parsed.ok) return parsed.model;
  const problems = parsed.problems.map((problem) => problem.message);
  throw badUserInput(`${what} has ${plural(problems.length, 'problem')}: ${listed(problems)}`, { problems: parsed.problems });
}

/** Exactly one of two alternative fields. */
export function exactlyOne(first: [string, unknown], second: [string, unknown]): 'first' | 'second' {
  const hasFirst = first[1] !== undefined && first[1] !== null;
  const hasSecond = second[1] !== undefined && second[1] !== null;
  if (hasFirst === hasSecond) throw badUserInput(`give exactly one of ${first[0]} and ${second[0]}${hasFirst ? ' (both were given)' : ''}`);
  return hasFirst ? 'first' : 'second';
}
