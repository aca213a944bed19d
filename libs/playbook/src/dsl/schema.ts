/**
 * The zod schema of playbook schemaVersion 1: the gate every untrusted playbook passes before
 * anything reads it. It checks shape, types and size caps; graph and configuration problems
 * (dangling edges, empty conditions, ...) are found afterwards by validate(), so the designer can
 * save a half-finished playbook and be told exactly what is left to do.
 */
import { z } from 'zod';
import { parseDuration } from '../duration';
import { FORBIDDEN_KEYS, NODE_ID_PATTERN, PLAYBOOK_LIMITS as L } from './limits';
import type { Filter, FilterOperator, Playbook, Step, Trigger } from './types';

export const FILTER_OPERATOR_NAMES = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'notContains',
  'startsWith',
  'endsWith',
  'in',
  'notIn',
  'exists',
  'notExists',
] as const satisfies readonly FilterOperator[];

export const STEP_KINDS = [
  'condition',
  'split',
  'wait',
  'waitForEvent',
  'score',
  'approval',
  'action',
  'parallel',
  'join',
  'end',
] as const satisfies readonly Step['kind'][];

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const label = text(L.maxLabelLength).optional();

export const nodeIdSchema = z
  .string()
  .min(1, 'a node id must not be empty')
  .max(L.maxIdLength, `a node id must be at most ${L.maxIdLength} characters`)
  .regex(NODE_ID_PATTERN, 'a node id starts with a letter or digit and uses only letters, digits, "_", "-", "." and ":"')
  .refine((id) => !FORBIDDEN_KEYS.has(id), { message: 'this node id is a reserved word' });

export const durationSchema = z.string().superRefine((value, ctx) => {
  try {
    parseDuration(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

const scalarSchema = z.union([text(L.maxStringValueLength), z.number(), z.boolean(), z.null()], {
  error: 'must be a string, a number, true/false or null',
});

/** "person.traits.email": dot-separated own-property names; prototype keys are refused outright. */
const propertyPathSchema = text(L.maxPropertyPathLength).superRefine((path, ctx) => {
  if (path === '') return; // an unfinished rule: validate() reports it as missing_config
  const segments = path.split('.');
  if (segments.length > L.maxPropertyPathSegments) {
    ctx.addIssue({ code: 'custom', message: `a property path has at most ${L.maxPropertyPathSegments} parts` });
  }
  if (segments.some((segment) => segment === '')) {
    ctx.addIssue({ code: 'custom', message: `"${path}" has an empty part: write names separated by single dots` });
  }
  const forbidden = segments.find((segment) => FORBIDDEN_KEYS.has(segment));
  if (forbidden) ctx.addIssue({ code: 'custom', message: `"${forbidden}" is not allowed in a property path` });
});

/**
 * A filter is a rule { property, operator, value? } or a group { all } / { any }. One strict object
 * with a refinement (rather than a zod union) so a mistake is reported at the exact field.
 */
const filterObjectSchema = z
  .strictObject({
    property: propertyPathSchema.optional(),
    operator: z.enum(FILTER_OPERATOR_NAMES, { error: `operator must be one of: ${FILTER_OPERATOR_NAMES.join(', ')}` }).optional(),
    value: z
      .union([scalarSchema, z.array(scalarSchema).max(L.maxFilterValues, `a list has at most ${L.maxFilterValues} values`)], {
        error: 'value must be a string, a number, true/false, null or a list of those',
      })
      .optional(),
    all: z.array(z.lazy(() => filterSchema)).max(L.maxFilterGroupSize, `a group has at most ${L.maxFilterGroupSize} entries`).optional(),
    any: z.array(z.lazy(() => filterSchema)).max(L.maxFilterGroupSize, `a group has at most ${L.maxFilterGroupSize} entries`).optional(),
  })
  .superRefine((filter, ctx) => {
    const isRule = filter.property !== undefined || filter.operator !== undefined || filter.value !== undefined;
    const isGroup = filter.all !== undefined || filter.any !== undefined;
    if (isRule && isGroup) {
      ctx.addIssue({ code: 'custom', message: 'a filter is either a rule (property, operator, value) or a group (all / any), not both' });
    } else if (filter.all !== undefined && filter.any !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'a group has either "all" or "any", not both' });
    } else if (!isRule && !isGroup) {
      ctx.addIssue({ code: 'custom', message: 'a filter needs "property" and "operator", or an "all" / "any" group' });
    } else if (isRule) {
      if (filter.property === undefined) ctx.addIssue({ code: 'custom', path: ['property'], message: 'property is required in a rule' });
      if (filter.operator === undefined) ctx.addIssue({ code: 'custom', path: ['operator'], message: 'operator is required in a rule' });
    }
  });

export const filterSchema: z.ZodType<Filter> = filterObjectSchema as unknown as z.ZodType<Filter>;

const assigneesSchema = z.strictObject({
  users: z.array(z.string().min(1).max(200)).max(L.maxAssignees, `at most ${L.maxAssignees} users`).optional(),
  roles: z.array(z.string().min(1).max(100)).max(L.maxAssignees, `at most ${L.maxAssignees} roles`).optional(),
});

const businessHoursSchema = z.strictObject({
  timeZone: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_+\-/]+$/, 'timeZone must be an IANA time zone name such as "Europe/Berlin"')
    .optional(),
  /** 0 = Sunday ... 6 = Saturday, as in Date#getUTCDay. */
  days: z.array(z.int().min(0, 'days are 0 (Sunday) to 6 (Saturday)').max(6, 'days are 0 (Sunday) to 6 (Saturday)')).max(7),
  startHour: z.int().min(0).max(23),
  endHour: z.int().min(1).max(24),
});

const actionInputSchema = z
  .record(
    z
      .string()
      .min(1, 'an input name must not be empty')
      .max(100)
      .refine((key) => !FORBIDDEN_KEYS.has(key), { message: 'this input name is a reserved word' }),
    z.unknown(),
  )
  .refine((input) => Object.keys(input).length <= L.maxActionInputKeys, {
    message: `an action has at most ${L.maxActionInputKeys} inputs`,
  });

export const stepSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('condition'), label, when: filterSchema }),
    z.strictObject({
      kind: z.literal('split'),
      label,
      variants: z
        .array(z.strictObject({ port: z.string().min(1, 'a variant port must not be empty').max(L.maxIdLength), percent: z.int().min(0).max(100) }))
        .max(L.maxSplitVariants, `a split has at most ${L.maxSplitVariants} variants`),
    }),
    z.strictObject({ kind: z.literal('wait'), label, for: durationSchema.optional(), until: businessHoursSchema.optional() }),
    z.strictObject({
      kind: z.literal('waitForEvent'),
      label,
      event: z.strictObject({ name: text(200), where: filterSchema.optional() }),
      timeout: durationSchema,
    }),
    z.strictObject({ kind: z.literal('score'), label, model: text(100), adjust: z.number().optional() }),
    z.strictObject({
      kind: z.literal('approval'),
      label,
      assignees: assigneesSchema,
      timeout: durationSchema,
      escalateTo: assigneesSchema.optional(),
      onTimeout: z.enum(['reject', 'approve'], { error: 'onTimeout must be "reject" or "approve"' }),
    }),
    z.strictObject({
      kind: z.literal('action'),
      label,
      connector: text(100),
      connectorVersion: text(50).optional(),
      action: text(100),
      connection: text(200),
      input: actionInputSchema,
      retry: z
        .strictObject({ maximumAttempts: z.int().min(1).max(100).optional(), initialInterval: durationSchema.optional() })
        .optional(),
      compensate: z.enum(['auto', 'none'], { error: 'compensate must be "auto" or "none"' }).optional(),
    }),
    z.strictObject({ kind: z.literal('parallel'), label }),
    z.strictObject({ kind: z.literal('join'), label }),
    z.strictObject({ kind: z.literal('end'), label }),
  ],
  { error: `kind must be one of: ${STEP_KINDS.join(', ')}` },
);

export const edgeSchema = z.strictObject({
  from: text(L.maxIdLength),
  to: text(L.maxIdLength),
  port: z.string().min(1, 'port must not be empty (leave it out instead)').max(L.maxIdLength).optional(),
});

export const TRIGGER_KINDS = [
  'event',
  'scoreThreshold',
  'tierChange',
  'eventCount',
  'distinctUsers',
  'propertySum',
  'baselineRatio',
  'growth',
  'inactivity',
  'schedule',
  'relativeDate',
  'crmChange',
  'all',
  'any',
] as const satisfies readonly Trigger['kind'][];

const countSchema = (what: string) => z.int(`${what} must be a whole number`).min(1, `${what} must be at least 1`).max(1_000_000_000);
const windowDaysSchema = (what: string) =>
  z.int(`${what} must be a whole number of days`).min(1, `${what} must be at least 1 day`).max(L.maxWindowDays, `${what} is at most ${L.maxWindowDays} days`);
const finiteNumber = (what: string) => z.number(`${what} must be a number`).refine(Number.isFinite, { message: `${what} must be a finite number` });
const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/, 'timeZone must be an IANA time zone name such as "Europe/Berlin"');

const dailyMetricSchema = z.strictObject({
  kind: z.enum(['activeUsers', 'eventCount'], { error: 'metric kind must be "activeUsers" or "eventCount"' }),
  event: text(200).optional(),
  where: filterSchema.optional(),
});

const baselineSchema = z.union([z.strictObject({ trait: propertyPathSchema }), z.strictObject({ value: finiteNumber('baseline value').refine((v) => v > 0, { message: 'baseline value must be above 0' }) })], {
  error: 'baseline must be { "trait": name } or { "value": number }',
});

const triggerNodeSchema: z.ZodType<Trigger> = z.lazy(() =>
  z.discriminatedUnion(
    'kind',
    [
      // The spine's trigger: its shape is what the backend and end-to-end tests rely on.
      z.strictObject({ kind: z.literal('event'), event: text(200), where: filterSchema.optional() }),
      z.strictObject({
        kind: z.literal('scoreThreshold'),
        model: text(100),
        threshold: finiteNumber('threshold'),
        direction: z.enum(['up', 'down'], { error: 'direction must be "up" or "down"' }),
      }),
      z.strictObject({ kind: z.literal('tierChange'), model: text(100), to: text(100).optional(), from: text(100).optional() }),
      z.strictObject({
        kind: z.literal('eventCount'),
        event: text(200),
        where: filterSchema.optional(),
        atLeast: countSchema('atLeast'),
        withinDays: windowDaysSchema('withinDays'),
      }),
      z.strictObject({
        kind: z.literal('distinctUsers'),
        event: text(200),
        where: filterSchema.optional(),
        atLeast: countSchema('atLeast'),
        withinDays: windowDaysSchema('withinDays'),
        perUser: z
          .strictObject({ atLeast: countSchema('perUser.atLeast'), withinDays: windowDaysSchema('perUser.withinDays'), event: text(200).optional() })
          .optional(),
      }),
      z.strictObject({
        kind: z.literal('propertySum'),
        event: text(200),
        where: filterSchema.optional(),
        property: propertyPathSchema,
        atLeast: finiteNumber('atLeast'),
        withinDays: windowDaysSchema('withinDays'),
      }),
      z.strictObject({
        kind: z.literal('baselineRatio'),
        metric: dailyMetricSchema,
        baseline: baselineSchema,
        percent: finiteNumber('percent').refine((v) => v > 0 && v <= 1_000_000, { message: 'percent must be above 0' }),
        consecutiveDays: windowDaysSchema('consecutiveDays'),
      }),
      z.strictObject({
        kind: z.literal('growth'),
        metric: dailyMetricSchema,
        percent: finiteNumber('percent').refine((v) => v > -100 && v <= 1_000_000, { message: 'percent must be above -100' }),
        period: z.enum(['week', 'month'], { error: 'period must be "week" or "month"' }),
      }),
      z.strictObject({
        kind: z.literal('inactivity'),
        event: text(200).optional(),
        days: z.int('days must be a whole number').min(1, 'days must be at least 1').max(3650, 'days is at most 3650'),
      }),
      z.strictObject({ kind: z.literal('schedule'), cron: text(100), timeZone: timeZoneSchema.optional() }),
      z.strictObject({
        kind: z.literal('relativeDate'),
        trait: propertyPathSchema,
        fromDays: z.int('fromDays must be a whole number').min(-3650).max(3650),
        toDays: z.int('toDays must be a whole number').min(-3650).max(3650),
      }),
      z.strictObject({
        kind: z.literal('crmChange'),
        object: z.enum(['deal', 'contact', 'company'], { error: 'object must be "deal", "contact" or "company"' }),
        field: text(200),
        to: scalarSchema.optional(),
        from: scalarSchema.optional(),
        where: filterSchema.optional(),
      }),
      z.strictObject({
        kind: z.literal('all'),
        triggers: z.array(triggerNodeSchema).max(L.maxTriggerChildren, `a group of triggers has at most ${L.maxTriggerChildren} entries`),
      }),
      z.strictObject({
        kind: z.literal('any'),
        triggers: z.array(triggerNodeSchema).max(L.maxTriggerChildren, `a group of triggers has at most ${L.maxTriggerChildren} entries`),
      }),
    ],
    { error: `trigger kind must be one of: ${TRIGGER_KINDS.join(', ')}` },
  ),
);

function triggerDepth(trigger: Trigger): number {
  if (trigger.kind !== 'all' && trigger.kind !== 'any') return 1;
  return 1 + Math.max(0, ...trigger.triggers.map(triggerDepth));
}

/** One trigger, composites included, nested at most PLAYBOOK_LIMITS.maxTriggerDepth deep. */
export const triggerSchema: z.ZodType<Trigger> = triggerNodeSchema.superRefine((trigger, ctx) => {
  if (triggerDepth(trigger) > L.maxTriggerDepth) {
    ctx.addIssue({ code: 'custom', message: `triggers nest at most ${L.maxTriggerDepth} levels deep` });
  }
});

export const enrollmentSchema = z.strictObject({
  subject: z.enum(['person', 'account'], { error: 'subject must be "person" or "account"' }),
  reenroll: z.union(
    [z.literal('never'), z.literal('always'), z.strictObject({ afterDays: z.int().min(1).max(3650) })],
    { error: 'reenroll must be "never", "always" or { "afterDays": number }' },
  ),
});

export const playbookSchema = z.strictObject({
  schemaVersion: z.literal(1, { error: 'schemaVersion must be 1' }),
  id: z.string().min(1, 'id must not be empty').max(L.maxIdLength),
  version: z.int().min(0),
  name: z.string().min(1, 'name must not be empty').max(L.maxNameLength),
  description: text(L.maxDescriptionLength).optional(),
  trigger: triggerSchema,
  enrollment: enrollmentSchema,
  start: text(L.maxIdLength),
  nodes: z
    .record(nodeIdSchema, stepSchema)
    .refine((nodes) => Object.keys(nodes).length <= L.maxNodes, { message: `a playbook has at most ${L.maxNodes} nodes` }),
  edges: z.array(edgeSchema).max(L.maxEdges, `a playbook has at most ${L.maxEdges} edges`),
  outreach: z
    .strictObject({
      priority: z.int('outreach.priority must be a whole number').min(0, 'outreach.priority is 0–100').max(100, 'outreach.priority is 0–100').optional(),
      whenCapped: z.enum(['skip', 'wait'], { error: 'outreach.whenCapped must be "skip" or "wait"' }).optional(),
    })
    .optional(),
  layout: z.record(nodeIdSchema, z.strictObject({ x: z.number(), y: z.number() })).optional(),
});

/** Compile-time proof that what the schema accepts is a Playbook (types.ts stays the contract). */
export type ParsedPlaybook = z.infer<typeof playbookSchema>;
const _schemaMatchesContract = (parsed: ParsedPlaybook): Playbook => parsed;
void _schemaMatchesContract;
