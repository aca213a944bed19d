import fc from 'fast-check';
import {
  DEFAULT_APPROVAL_POLICY,
  EXAMPLE_TIERED_POLICY,
  NO_APPROVAL_POLICY,
  levelsForImpact,
  parseApprovalPolicy,
  type ParseApprovalPolicyResult,
} from './approval-policy';
import type { ApprovalPolicy, ChangeImpact } from './contract';

const level = (overrides: Record<string, unknown> = {}) => ({
  name: 'Approval',
  approvers: { roles: ['approver'] },
  required: 1,
  when: { always: true },
  timeout: '72h',
  ...overrides,
});

const problemsOf = (result: ParseApprovalPolicyResult): string[] => (result.ok ? [] : result.problems);

const impact = (revenueShareAffected: number): ChangeImpact => ({
  from: '2026-01-01T00:00:00Z',
  to: '2026-01-29T00:00:00Z',
  firesPerWeek: { before: 10, after: 12 },
  newSubjects: { count: 2, sample: [] },
  droppedSubjects: { count: 0, sample: [] },
  outreach: { perWeek: { before: 10, after: 12 }, byChannel: [], caps: [] },
  precision: { before: null, after: null },
  recall: { before: null, after: null },
  revenueShareAffected,
  pipelineValueAffected: 0,
  tiers: [],
  notes: [],
});

describe('parseApprovalPolicy', () => {
  it('fills every default when only levels are given', () => {
    expect(parseApprovalPolicy({ levels: [level()] })).toEqual({
      ok: true,
      policy: {
        levels: [level()],
        impact: { windowDays: 28, outcome: { kind: 'event', event: 'Order Completed' }, revenueTrait: 'arr' },
        rollbackCriteria: { fireRateIncreaseAbove: 2, minFires: 10 },
        notifications: { emailConnection: 'default-email', linkValidFor: '7d' },
      },
    });
  });

  it('fills the missing parts of a partly given section and keeps what is given', () => {
    const result = parseApprovalPolicy({
      levels: [],
      impact: { outcome: { kind: 'trait', trait: 'plan', equals: 'paid' } },
      rollbackCriteria: { minFires: 50 },
      notifications: { emailConnection: null },
    });
    expect(result.ok && result.policy).toEqual({
      levels: [],
      impact: { windowDays: 28, outcome: { kind: 'trait', trait: 'plan', equals: 'paid' }, revenueTrait: 'arr' },
      rollbackCriteria: { fireRateIncreaseAbove: 2, minFires: 50 },
      notifications: { emailConnection: null, linkValidFor: '7d' },
    });
  });

  it('keeps users, escalation and reminders of a level', () => {
    const full = level({ approvers: { users: ['u-1', 'u-2'] }, required: 2, reminderEvery: '24h', escalateTo: { roles: ['admin'] }, when: { revenueShareAbove: 5 } });
    const result = parseApprovalPolicy({ levels: [full] });
    expect(problemsOf(result)).toEqual([]);
    expect(result.ok && result.policy.levels[0]).toEqual(full);
  });

  it('names the field of every problem', () => {
    const result = parseApprovalPolicy({
      levels: [
        level({ approvers: {}, required: 0, when: { revenueShareAbove: 150 }, timeout: 'soon', extra: 1 }),
        level({ name: 'Finance', approvers: { roles: ['boss'], users: [' '] }, required: 1.5, when: {}, reminderEvery: '0h' }),
        level({ name: 'Executive', required: 21, escalateTo: { users: [] } }),
      ],
      impact: { windowDays: 0, revenueTrait: '' },
      rollbackCriteria: { fireRateIncreaseAbove: 0.5, minFires: -1 },
      notifications: { linkValidFor: '7 days' },
    });
    expect(problemsOf(result)).toEqual([
      'levels.0.approvers: list at least one role or user who may approve',
      'levels.0.required: must be at least 1',
      'levels.0.when.revenueShareAbove: must be between 0 and 100',
      'levels.0.timeout: "soon" is not a duration: write a whole number and a unit s, m, h, d or w (e.g. "30s", "15m", "48h", "2d", "1w")',
      'levels.0: unknown field "extra"',
      'levels.1.approvers.roles.0: must be one of: admin, editor, approver, operator (viewers only read)',
      'levels.1.approvers.users.0: must not be empty',
      'levels.1.required: must be a whole number',
      'levels.1.when: must be either { "always": true } or { "revenueShareAbove": percent }',
      'levels.1.reminderEvery: "0h" is not a duration: it must be longer than zero',
      'levels.2.required: must be at most 20',
      'levels.2.escalateTo: list at least one role or user who may approve',
      'impact.windowDays: must be at least 1',
      'impact.revenueTrait: must not be empty',
      "rollbackCriteria.fireRateIncreaseAbove: must be at least 1 (a multiple of the previous version's fire rate)",
      'rollbackCriteria.minFires: must not be negative',
      'notifications.linkValidFor: "7 days" is not a duration: write a whole number and a unit s, m, h, d or w (e.g. "30s", "15m", "48h", "2d", "1w")',
    ]);
  });

  it('says what is missing', () => {
    expect(problemsOf(parseApprovalPolicy({}))).toEqual(['levels: is required']);
    expect(problemsOf(parseApprovalPolicy({ levels: [{ name: 'A' }] }))).toEqual([
      'levels.0.approvers: is required',
      'levels.0.required: is required',
      'levels.0.when: is required',
      'levels.0.timeout: is required',
    ]);
    expect(problemsOf(parseApprovalPolicy(null))).toEqual(['policy: must be an object (an approval policy with "levels")']);
    expect(problemsOf(parseApprovalPolicy('approver'))).toEqual(['policy: must be an object (an approval policy with "levels")']);
  });

  it('refuses two levels with the same name (ignoring case and spaces)', () => {
    expect(problemsOf(parseApprovalPolicy({ levels: [level(), level({ name: 'approval ' })] }))).toEqual([
      'levels.1.name: "approval " is already the name of levels.0: names must be unique',
    ]);
  });

  it('allows at most 10 levels', () => {
    const levels = Array.from({ length: 11 }, (_, index) => level({ name: `Level ${index}` }));
    expect(problemsOf(parseApprovalPolicy({ levels }))).toEqual(['levels: at most 10 levels']);
    expect(parseApprovalPolicy({ levels: levels.slice(0, 10) }).ok).toBe(true);
  });

  it('accepts its own output unchanged (property)', () => {
    const role = fc.constantFrom('admin', 'editor', 'approver', 'operator');
    const levelArb = fc.record({
      approvers: fc.record({ roles: fc.uniqueArray(role, { minLength: 1, maxLength: 5 }) }),
      required: fc.integer({ min: 1, max: 20 }),
      when: fc.oneof(fc.constant({ always: true as const }), fc.record({ revenueShareAbove: fc.double({ min: 0, max: 100, noNaN: true }) })),
      timeout: fc.constantFrom('1h', '72h', '3d', '1w'),
    });
    fc.assert(
      fc.property(fc.array(levelArb, { maxLength: 10 }), (levels) => {
        const input = { levels: levels.map((entry, index) => ({ name: `Level ${index + 1}`, ...entry })) };
        const first = parseApprovalPolicy(input);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        expect(parseApprovalPolicy(JSON.parse(JSON.stringify(first.policy)))).toEqual(first);
      }),
    );
  });
});

describe('built-in policies', () => {
  it('DEFAULT_APPROVAL_POLICY: one "Approval" level, 1 approver, 72h, reminders every 24h', () => {
    expect(DEFAULT_APPROVAL_POLICY.levels).toEqual([
      { name: 'Approval', approvers: { roles: ['approver'] }, required: 1, when: { always: true }, timeout: '72h', reminderEvery: '24h' },
    ]);
    expect(DEFAULT_APPROVAL_POLICY.notifications).toEqual({ emailConnection: 'default-email', linkValidFor: '7d' });
  });

  it('NO_APPROVAL_POLICY has no levels', () => {
    expect(NO_APPROVAL_POLICY.levels).toEqual([]);
  });

  it('are valid policies and frozen, so nobody edits the shared copy by accident', () => {
    for (const policy of [DEFAULT_APPROVAL_POLICY, NO_APPROVAL_POLICY, EXAMPLE_TIERED_POLICY]) {
      expect(parseApprovalPolicy(policy)).toEqual({ ok: true, policy });
      expect(Object.isFrozen(policy.impact.outcome)).toBe(true);
      expect(() => {
        (policy.levels as unknown[]).push({});
      }).toThrow(TypeError);
    }
  });

  it('EXAMPLE_TIERED_POLICY: Approval always, Finance / legal above 5 %, Executive above 20 %', () => {
    expect(EXAMPLE_TIERED_POLICY.levels.map((entry) => [entry.name, entry.when, entry.approvers, entry.required])).toEqual([
      ['Approval', { always: true }, { roles: ['approver'] }, 1],
      ['Finance / legal', { revenueShareAbove: 5 }, { roles: ['admin'] }, 1],
      ['Executive', { revenueShareAbove: 20 }, { roles: ['admin'] }, 1],
    ]);
  });
});

describe('levelsForImpact', () => {
  const names = (policy: ApprovalPolicy, share: number | null) =>
    levelsForImpact(policy, share === null ? null : impact(share)).map(({ index, level: applying }) => `${index}:${applying.name}`);

  it('chooses levels by the share of revenue-weighted accounts affected', () => {
    expect(names(EXAMPLE_TIERED_POLICY, 0)).toEqual(['0:Approval']);
    expect(names(EXAMPLE_TIERED_POLICY, 5)).toEqual(['0:Approval']);
    expect(names(EXAMPLE_TIERED_POLICY, 5.01)).toEqual(['0:Approval', '1:Finance / legal']);
    expect(names(EXAMPLE_TIERED_POLICY, 20)).toEqual(['0:Approval', '1:Finance / legal']);
    expect(names(EXAMPLE_TIERED_POLICY, 63)).toEqual(['0:Approval', '1:Finance / legal', '2:Executive']);
  });

  it('without an impact (or with no usable share), every conditional level applies: the safe side', () => {
    expect(names(EXAMPLE_TIERED_POLICY, null)).toEqual(['0:Approval', '1:Finance / legal', '2:Executive']);
    expect(names(EXAMPLE_TIERED_POLICY, Number.NaN)).toEqual(['0:Approval', '1:Finance / legal', '2:Executive']);
  });

  it('keeps the policy index when an earlier level does not apply', () => {
    const policy: ApprovalPolicy = { ...EXAMPLE_TIERED_POLICY, levels: [EXAMPLE_TIERED_POLICY.levels[2]!, EXAMPLE_TIERED_POLICY.levels[0]!] };
    expect(names(policy, 1)).toEqual(['1:Approval']);
  });

  it('no levels: nothing to approve', () => {
    expect(levelsForImpact(NO_APPROVAL_POLICY, null)).toEqual([]);
    expect(names(DEFAULT_APPROVAL_POLICY, 99)).toEqual(['0:Approval']);
  });
});
