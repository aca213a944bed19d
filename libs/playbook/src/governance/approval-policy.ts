import { z } from 'zod';
import { PLAYBOOK_LIMITS } from '../dsl/limits';
import { parseDuration } from '../duration';
import type { ApprovalPolicy, ApprovalPolicyLevel, ChangeImpact, GovernanceRole, PolicyLevelCondition } from './contract';

/** The workspace roles a policy may name as approvers (the backend's `Role` list without viewer: viewers only read). */
export const GOVERNANCE_ROLES = ['admin', 'editor', 'approver', 'operator'] as const satisfies readonly GovernanceRole[];

/** Size caps of a policy: a handful of levels, each needing a realistic number of sign-offs. */
export const APPROVAL_POLICY_LIMITS = {
  maxLevels: 10,
  maxRequired: 20,
  maxUsersPerLevel: 100,
  maxNameLength: 100,
  maxUserIdLength: 200,
  maxTextLength: 200,
} as const;

const L = APPROVAL_POLICY_LIMITS;

/** What a policy gets for the parts it leaves out. */
export const APPROVAL_POLICY_DEFAULTS = {
  impact: { windowDays: 28, outcomeEvent: 'Order Completed', revenueTrait: 'arr' },
  rollbackCriteria: { fireRateIncreaseAbove: 2, minFires: 10 },
  notifications: { emailConnection: 'default-email', linkValidFor: '7d' },
} as const;

const D = APPROVAL_POLICY_DEFAULTS;

/** A type error reads "is required" when the field is missing, else `text`. */
const typeError = (text: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : text) });

const durationSchema = z.string(typeError('must be a duration such as "24h" or "3d"')).superRefine((text, ctx) => {
  try {
    parseDuration(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
  }
});

const nonBlank = (max: number, what: string) =>
  z
    .string(typeError(`must be ${what}`))
    .max(max, `must be at most ${max} characters`)
    .refine((text) => text.trim() !== '', { message: 'must not be empty' });

const objectError = (what: string) => typeError(`must be an object (${what})`);

const approversSchema = z
  .strictObject(
    {
      roles: z
        .array(z.enum(GOVERNANCE_ROLES, { error: `must be one of: ${GOVERNANCE_ROLES.join(', ')} (viewers only read)` }), typeError('must be a list of roles'))
        .max(GOVERNANCE_ROLES.length, `at most ${GOVERNANCE_ROLES.length} roles`)
        .optional(),
      users: z
        .array(nonBlank(L.maxUserIdLength, 'a user id'), typeError('must be a list of user ids'))
        .max(L.maxUsersPerLevel, `at most ${L.maxUsersPerLevel} users`)
        .optional(),
    },
    objectError('roles and/or users'),
  )
  .refine((approvers) => (approvers.roles?.length ?? 0) + (approvers.users?.length ?? 0) > 0, {
    message: 'list at least one role or user who may approve',
  });

const conditionSchema = z
  .strictObject(
    {
      always: z.literal(true, typeError('must be true (or use revenueShareAbove)')).optional(),
      revenueShareAbove: z
        .number(typeError('must be a percentage (0–100)'))
        .min(0, 'must be between 0 and 100')
        .max(100, 'must be between 0 and 100')
        .optional(),
    },
    objectError('{ "always": true } or { "revenueShareAbove": percent }'),
  )
  .refine((when) => (when.always === undefined) !== (when.revenueShareAbove === undefined), {
    message: 'must be either { "always": true } or { "revenueShareAbove": percent }',
  })
  .transform((when): PolicyLevelCondition => (when.always ? { always: true } : { revenueShareAbove: when.revenueShareAbove! }));

const levelSchema = z.strictObject(
  {
    name: nonBlank(L.maxNameLength, 'a name'),
    approvers: approversSchema,
    required: z
      .int(typeError('must be a whole number'))
      .min(1, 'must be at least 1')
      .max(L.maxRequired, `must be at most ${L.maxRequired}`),
    when: conditionSchema,
    timeout: durationSchema,
    reminderEvery: durationSchema.optional(),
    escalateTo: approversSchema.optional(),
  },
  objectError('a level'),
);

const outcomeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('event'), event: nonBlank(L.maxTextLength, 'an event name') }),
    z.strictObject({
      kind: z.literal('trait'),
      trait: nonBlank(L.maxTextLength, 'a trait name'),
      equals: z.union([z.string(), z.number(), z.boolean(), z.null()], typeError('must be a string, number, boolean or null')),
    }),
  ],
  { error: 'must be { "kind": "event", "event": name } or { "kind": "trait", "trait": name, "equals": value }' },
);

const impactSchema = z
  .strictObject(
    {
      windowDays: z
        .int(typeError('must be a whole number of days'))
        .min(1, 'must be at least 1')
        .max(PLAYBOOK_LIMITS.maxWindowDays, `must be at most ${PLAYBOOK_LIMITS.maxWindowDays}`)
        .default(D.impact.windowDays),
      outcome: outcomeSchema.default(() => ({ kind: 'event' as const, event: D.impact.outcomeEvent })),
      revenueTrait: nonBlank(L.maxTextLength, 'a trait name').default(D.impact.revenueTrait),
    },
    objectError('windowDays, outcome, revenueTrait'),
  )
  .prefault({});

const rollbackCriteriaSchema = z
  .strictObject(
    {
      fireRateIncreaseAbove: z
        .number(typeError('must be a number'))
        .min(1, 'must be at least 1 (a multiple of the previous version\'s fire rate)')
        .max(1000, 'must be at most 1000')
        .default(D.rollbackCriteria.fireRateIncreaseAbove),
      minFires: z
        .int(typeError('must be a whole number'))
        .min(0, 'must not be negative')
        .max(1_000_000_000, 'must be at most 1000000000')
        .default(D.rollbackCriteria.minFires),
    },
    objectError('fireRateIncreaseAbove, minFires'),
  )
  .prefault({});

const notificationsSchema = z
  .strictObject(
    {
      emailConnection: nonBlank(L.maxTextLength, 'a connection name (or null)').nullable().default(D.notifications.emailConnection),
      linkValidFor: durationSchema.default(D.notifications.linkValidFor),
    },
    objectError('emailConnection, linkValidFor'),
  )
  .prefault({});

/**
 * An approval policy as stored and accepted through the API: shape, limits and cross-field rules
 * (unique level names). Omitted `impact`, `rollbackCriteria` and `notifications` (or parts of them)
 * are filled with APPROVAL_POLICY_DEFAULTS.
 */
export const approvalPolicySchema = z
  .strictObject(
    {
      levels: z.array(levelSchema, typeError('must be a list of levels ([] for none)')).max(L.maxLevels, `at most ${L.maxLevels} levels`),
      impact: impactSchema,
      rollbackCriteria: rollbackCriteriaSchema,
      notifications: notificationsSchema,
    },
    objectError('an approval policy with "levels"'),
  )
  .superRefine((policy, ctx) => {
    const seen = new Map<string, number>();
    policy.levels.forEach((level, index) => {
      const name = level.name.trim().toLowerCase();
      const first = seen.get(name);
      if (first === undefined) seen.set(name, index);
      else ctx.addIssue({ code: 'custom', path: ['levels', index, 'name'], message: `"${level.name}" is already the name of levels.${first}: names must be unique` });
    });
  });

/** parseApprovalPolicy's answer: the policy with defaults filled in, or every problem found. */
export type ParseApprovalPolicyResult = { ok: true; policy: ApprovalPolicy } | { ok: false; problems: string[] };

function issueMessage(issue: z.core.$ZodIssue): string {
  const where = issue.path.length === 0 ? 'policy' : issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  return `${where}: ${issue.message}`;
}

/** zod's "expected string, received undefined" becomes "is required". */
const requiredMessage = (issue: z.core.$ZodRawIssue): string | undefined =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined;

/**
 * Checks an untrusted approval policy (GraphQL input, stored JSON). On success the policy has every
 * default filled in; otherwise one message per problem naming its field ("levels.1.required: must
 * be at least 1").
 */
export function parseApprovalPolicy(json: unknown): ParseApprovalPolicyResult {
  // jitless: zod may otherwise compile parsers with `new Function`, which sandboxes refuse.
  const result = approvalPolicySchema.safeParse(json, { jitless: true, error: requiredMessage });
  if (result.success) return { ok: true, policy: result.data };
  return { ok: false, problems: result.error.issues.map(issueMessage) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function policyWith(levels: ApprovalPolicyLevel[]): ApprovalPolicy {
  const parsed = parseApprovalPolicy({ levels });
  if (!parsed.ok) throw new Error(`built-in approval policy is invalid: ${parsed.problems.join('; ')}`);
  return deepFreeze(parsed.policy);
}

/**
 * The policy of a workspace that has stored none (config TRIPLINE_DEFAULT_APPROVAL_POLICY=approver):
 * every change needs one member with the approver role (or an admin), not the requester; reminders
 * daily, expiring after 72 hours. Frozen: copy it before changing anything.
 */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = policyWith([
  { name: 'Approval', approvers: { roles: ['approver'] }, required: 1, when: { always: true }, timeout: '72h', reminderEvery: '24h' },
]);

/** No levels: publishing needs no approval (config TRIPLINE_DEFAULT_APPROVAL_POLICY=none). Frozen. */
export const NO_APPROVAL_POLICY: ApprovalPolicy = policyWith([]);

/**
 * A three-level policy chosen by impact, for docs and tests: one approver for any change; a
 * "Finance / legal" level when more than 5 % of revenue-weighted accounts are affected; an
 * "Executive" level above 20 %. The example names admins for the upper levels because it cannot
 * know anyone; a real workspace lists its finance / legal and executive users' ids (`users`). Frozen.
 */
export const EXAMPLE_TIERED_POLICY: ApprovalPolicy = policyWith([
  {
    name: 'Approval',
    approvers: { roles: ['approver'] },
    required: 1,
    when: { always: true },
    timeout: '72h',
    reminderEvery: '24h',
    escalateTo: { roles: ['admin'] },
  },
  { name: 'Finance / legal', approvers: { roles: ['admin'] }, required: 1, when: { revenueShareAbove: 5 }, timeout: '72h', reminderEvery: '24h' },
  { name: 'Executive', approvers: { roles: ['admin'] }, required: 1, when: { revenueShareAbove: 20 }, timeout: '5d', reminderEvery: '24h' },
]);

/** Whether a level applies: conditional levels apply when the impact is unknown (the safe side). */
function applies(when: PolicyLevelCondition, impact: ChangeImpact | null): boolean {
  if ('always' in when) return true;
  const share = impact?.revenueShareAffected;
  if (share === undefined || !Number.isFinite(share)) return true;
  return share > when.revenueShareAbove;
}

/**
 * The levels a change must pass, in policy order with their index in `policy.levels`: every
 * `always` level, and each `revenueShareAbove` level whose percentage the impact's
 * revenueShareAffected exceeds. Without an impact (null, or no finite share) conditional levels
 * apply too: when in doubt, ask more people.
 */
export function levelsForImpact(policy: ApprovalPolicy, impact: ChangeImpact | null): { index: number; level: ApprovalPolicyLevel }[] {
  return policy.levels.flatMap((level, index) => (applies(level.when, impact) ? [{ index, level }] : []));
}
