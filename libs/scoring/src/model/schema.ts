/**
 * The zod schema of scoring models (schemaVersion 1): shape, types and size caps. Cross-field rules
 * (weights sum to 100, tier order, duplicate ids, finite points) are checked by validateScoringModel()
 * so each gets its own problem code.
 */
import { filterSchema } from '@tripline/playbook';
import { z } from 'zod';
import { FORBIDDEN_NAMES, SCORING_ID_PATTERN, SCORING_MODEL_LIMITS as L } from './limits';
import type { ScoringModel } from './types';

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

export const scoringIdSchema = z
  .string()
  .min(1, 'an id must not be empty')
  .max(L.maxIdLength, `an id must be at most ${L.maxIdLength} characters`)
  .regex(SCORING_ID_PATTERN, 'an id starts with a letter or digit and uses only letters, digits, "_", "-", "." and ":"')
  .refine((id) => !FORBIDDEN_NAMES.has(id), { message: 'this id is a reserved word' });

/** A trait or event-property name, possibly dotted ("plan.limit"); prototype keys are refused. */
const fieldNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((name) => name.split('.').every((part) => part !== '' && !FORBIDDEN_NAMES.has(part)), {
    message: 'use names separated by single dots; "__proto__", "prototype" and "constructor" are not allowed',
  });

const finite = (what: string) =>
  z.number({ error: (issue) => (issue.input === undefined ? 'is required (number)' : `${what} must be a finite number`) });

const tierSchema = z.strictObject({
  name: z.string().min(1, 'a tier needs a name').max(100),
  min: finite('min'),
  max: finite('max'),
  action: text(200).optional(),
  slaHours: finite('slaHours').nonnegative('slaHours must not be negative').optional(),
});

const capSchema = z.strictObject({
  count: z.int('count must be a whole number').min(1, 'count must be at least 1').max(L.maxCapCount, `count must be at most ${L.maxCapCount}`),
  per: z.enum(['day', 'week', 'month'], { error: 'per must be one of: day, week, month' }),
});

const eventRuleSchema = z.strictObject({
  id: scoringIdSchema,
  event: text(L.maxEventNameLength),
  where: filterSchema.optional(),
  points: finite('points'),
  weight: finite('weight').nonnegative('weight must not be negative (use negative points to subtract)'),
  cap: capSchema.optional(),
  rationale: text(L.maxRationaleLength).optional(),
});

const decayDays = finite('days')
  .positive('days must be more than 0')
  .max(L.maxDecayDays, `days must be at most ${L.maxDecayDays}`);

const decaySchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({ kind: z.literal('halfLife'), days: decayDays }),
    z.strictObject({ kind: z.literal('window'), days: decayDays }),
  ],
  { error: 'decay kind must be one of: none, halfLife, window' },
);

const windowDays = z
  .int('windowDays must be a whole number of days')
  .min(1, 'windowDays must be at least 1')
  .max(L.maxWindowDays, `windowDays must be at most ${L.maxWindowDays}`);

const eventSelector = { event: text(L.maxEventNameLength).optional(), where: filterSchema.optional() };

const metricSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('activeUsersRatio'), ...eventSelector, windowDays, denominatorTrait: fieldNameSchema }),
    z.strictObject({ kind: z.literal('distinctPropertyValues'), ...eventSelector, property: fieldNameSchema, windowDays }),
    z.strictObject({ kind: z.literal('averageProperty'), ...eventSelector, property: fieldNameSchema, windowDays }),
    z.strictObject({ kind: z.literal('eventsPerActiveUser'), ...eventSelector, windowDays }),
    z.strictObject({ kind: z.literal('trait'), trait: fieldNameSchema }),
    z.strictObject({ kind: z.literal('activeUsersGrowth'), windowDays }),
    z.strictObject({ kind: z.literal('traitRatio'), numeratorTrait: fieldNameSchema, denominatorTrait: fieldNameSchema }),
  ],
  {
    error:
      'metric kind must be one of: activeUsersRatio, distinctPropertyValues, averageProperty, eventsPerActiveUser, trait, activeUsersGrowth, traitRatio',
  },
);

const componentSchema = z.strictObject({
  id: scoringIdSchema,
  name: z.string().min(1, 'a component needs a name').max(L.maxNameLength),
  metric: metricSchema,
  fullPointsAt: finite('fullPointsAt').positive('fullPointsAt must be more than 0'),
  weight: finite('weight').nonnegative('weight must not be negative'),
  rationale: text(L.maxRationaleLength).optional(),
});

const modelBase = {
  schemaVersion: z.literal(1, { error: 'schemaVersion must be 1' }),
  id: scoringIdSchema,
  version: z.int('version must be a whole number').min(1, 'version must be at least 1'),
  name: z.string().min(1, 'a model needs a name').max(L.maxNameLength),
  description: text(L.maxDescriptionLength).optional(),
  tiers: z.array(tierSchema).min(1, 'a model needs at least one tier').max(L.maxTiers, `at most ${L.maxTiers} tiers`),
};

export const eventScoringModelSchema = z.strictObject({
  ...modelBase,
  kind: z.literal('events'),
  rules: z.array(eventRuleSchema).max(L.maxRules, `at most ${L.maxRules} rules`),
  decay: decaySchema,
  rollup: z.enum(['sum', 'max', 'average'], { error: 'rollup must be one of: sum, max, average' }),
});

export const componentScoringModelSchema = z.strictObject({
  ...modelBase,
  kind: z.literal('components'),
  components: z.array(componentSchema).max(L.maxComponents, `at most ${L.maxComponents} components`),
});

export const scoringModelSchema: z.ZodType<ScoringModel> = z.discriminatedUnion('kind', [eventScoringModelSchema, componentScoringModelSchema], {
  error: 'kind must be "events" (event rules) or "components" (a component model)',
}) as unknown as z.ZodType<ScoringModel>;
