/**
 * The playbook DSL, version 1. This file is the contract every part of Tripline shares:
 * the designer draws it, the backend stores and validates it, the worker interprets it.
 * Pure types only; the zod schema that checks untrusted input lives in ./schema.ts.
 */

export type NodeId = string;

/** A duration written as a number and a unit: "30s", "15m", "48h", "2d", "1w". */
export type Duration = string;

export type Scalar = string | number | boolean | null;

/** Comparison operators of a structured filter rule (like HubSpot's filter builder). */
export type FilterOperator =
  | 'eq'
  | 'neq'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'contains'
  | 'notContains'
  | 'startsWith'
  | 'endsWith'
  | 'in'
  | 'notIn'
  | 'exists'
  | 'notExists';

/**
 * One comparison. `property` is a dotted path into the evaluation context, e.g.
 * "event.properties.plan", "person.traits.email", "account.traits.seats".
 * `value` is absent for exists/notExists and an array for in/notIn.
 */
export interface FilterRule {
  property: string;
  operator: FilterOperator;
  value?: Scalar | Scalar[];
}

/** AND / OR groups, nestable. An empty `all` is true; an empty `any` is false. */
export type FilterGroup = { all: Filter[] } | { any: Filter[] };

export type Filter = FilterRule | FilterGroup;

/** What the filters and templates of a run see. */
export interface EvaluationContext {
  event?: {
    name: string;
    messageId?: string;
    timestamp?: string;
    properties: Record<string, unknown>;
  };
  person?: { id: string; userId?: string | null; traits: Record<string, unknown> };
  account?: { id: string; groupId?: string | null; traits: Record<string, unknown> };
  /**
   * For a run a score threshold or tier change started: the score that moved ("score.tier" is
   * "High" in a condition, `{{ score.score }}` in a template). Absent for other triggers.
   */
  score?: ScoreContext;
}

/** The move of the score that fired a score trigger, scores rounded to two decimals. */
export interface ScoreContext {
  /** The scoring model's id. */
  model: string;
  score: number;
  previousScore: number;
  tier: string | null;
  previousTier: string | null;
}

/** What enrolls a subject into a playbook. An event trigger fires on each matching track event. */
export interface EventTrigger {
  kind: 'event';
  /** The track event name, matched exactly (e.g. "Demo Requested"). */
  event: string;
  /** Optional structured filter over the evaluation context (event.properties.*, person.traits.*). */
  where?: Filter;
}

/**
 * A score crossing a threshold: "up" fires when before < threshold ≤ after, "down" when
 * before ≥ threshold > after. Being above (or below) without crossing never fires.
 */
export interface ScoreThresholdTrigger {
  kind: 'scoreThreshold';
  /** The scoring model's id. */
  model: string;
  threshold: number;
  direction: 'up' | 'down';
}

/** A subject's tier under a model changing, optionally only into `to` and/or out of `from`. */
export interface TierChangeTrigger {
  kind: 'tierChange';
  model: string;
  to?: string;
  from?: string;
}

/**
 * Window aggregates count per UTC day: "within N days" is today and the N − 1 days before it.
 * They fire on the event that makes the condition true, not on every event while it holds.
 */
export interface EventCountTrigger {
  kind: 'eventCount';
  event: string;
  where?: Filter;
  atLeast: number;
  withinDays: number;
}

/**
 * At least `atLeast` different people did `event` within the window. With `perUser`, only power
 * users count: people who, inside the window, did `perUser.event` (default: `event`) at least
 * `perUser.atLeast` times within some `perUser.withinDays` days (e.g. 10+ sessions in a week).
 */
export interface DistinctUsersTrigger {
  kind: 'distinctUsers';
  event: string;
  where?: Filter;
  atLeast: number;
  withinDays: number;
  perUser?: { atLeast: number; withinDays: number; event?: string };
}

/** The sum of a numeric event property within the window reaches `atLeast` (e.g. overage in $). */
export interface PropertySumTrigger {
  kind: 'propertySum';
  event: string;
  where?: Filter;
  /** A property name of the event ("amount"), read as a number; other values count as 0. */
  property: string;
  atLeast: number;
  withinDays: number;
}

/** A per-day metric: distinct active people (any event, or `event`) or the count of `event`. */
export interface DailyMetric {
  kind: 'activeUsers' | 'eventCount';
  event?: string;
  where?: Filter;
}

/** A baseline: a numeric trait of the subject (account traits for accounts) or a fixed number. */
export type Baseline = { trait: string } | { value: number };

/** The daily metric is ≥ `percent` % of the baseline on each of the last `consecutiveDays` days (today included). */
export interface BaselineRatioTrigger {
  kind: 'baselineRatio';
  metric: DailyMetric;
  baseline: Baseline;
  percent: number;
  consecutiveDays: number;
}

/**
 * Growth over calendar periods (UTC): the metric so far in the current ISO week or calendar month is
 * at least (100 + `percent`) % of the whole previous one (e.g. +20 % month over month). Fixed
 * periods make it turn true only through events; a previous period of 0 never counts as growth.
 */
export interface GrowthTrigger {
  kind: 'growth';
  metric: DailyMetric;
  percent: number;
  period: 'week' | 'month';
}

/** No qualifying event (any event, or `event`) for `days` days. Evaluated on a schedule. */
export interface InactivityTrigger {
  kind: 'inactivity';
  event?: string;
  days: number;
}

/** Fires for every subject at each time of a 5-field cron expression, in `timeZone` (default UTC). */
export interface ScheduleTrigger {
  kind: 'schedule';
  cron: string;
  timeZone?: string;
}

/** Between `fromDays` and `toDays` days after (negative: before) a date trait, e.g. 60–90 days after close. */
export interface RelativeDateTrigger {
  kind: 'relativeDate';
  trait: string;
  fromDays: number;
  toDays: number;
}

/**
 * A CRM record's field changing (from connectors): e.g. a deal's stage → "Closed Lost". `where`
 * reads the changed record as `event.properties.*` (and the linked person/account as usual).
 */
export interface CrmChangeTrigger {
  kind: 'crmChange';
  object: 'deal' | 'contact' | 'company';
  field: string;
  to?: Scalar;
  from?: Scalar;
  where?: Filter;
}

/** Every child holds; fires when the last of them becomes true. */
export interface AllTrigger {
  kind: 'all';
  triggers: Trigger[];
}

/** Fires when any child fires. */
export interface AnyTrigger {
  kind: 'any';
  triggers: Trigger[];
}

export type Trigger =
  | EventTrigger
  | ScoreThresholdTrigger
  | TierChangeTrigger
  | EventCountTrigger
  | DistinctUsersTrigger
  | PropertySumTrigger
  | BaselineRatioTrigger
  | GrowthTrigger
  | InactivityTrigger
  | ScheduleTrigger
  | RelativeDateTrigger
  | CrmChangeTrigger
  | AllTrigger
  | AnyTrigger;

export type TriggerKind = Trigger['kind'];

export type Reenroll = 'never' | 'always' | { afterDays: number };

export interface Enrollment {
  subject: 'person' | 'account';
  reenroll: Reenroll;
}

export interface ConditionStep {
  kind: 'condition';
  label?: string;
  /** Ports: "yes" when the filter holds, "no" otherwise. */
  when: Filter;
}

export interface SplitStep {
  kind: 'split';
  label?: string;
  /** Deterministic by subject; percentages sum to 100. */
  variants: { port: string; percent: number }[];
}

export interface BusinessHours {
  timeZone?: string;
  days: number[];
  startHour: number;
  endHour: number;
}

export interface WaitStep {
  kind: 'wait';
  label?: string;
  for?: Duration;
  until?: BusinessHours;
}

export interface WaitForEventStep {
  kind: 'waitForEvent';
  label?: string;
  event: { name: string; where?: Filter };
  timeout: Duration;
}

export interface ScoreStep {
  kind: 'score';
  label?: string;
  model: string;
  adjust?: number;
}

export interface Assignees {
  users?: string[];
  roles?: string[];
}

export interface ApprovalStep {
  kind: 'approval';
  label?: string;
  assignees: Assignees;
  timeout: Duration;
  escalateTo?: Assignees;
  onTimeout: 'reject' | 'approve';
}

export interface RetryPolicy {
  maximumAttempts?: number;
  initialInterval?: Duration;
}

/**
 * Runs one connector action. String values in `input` are LiquidJS templates rendered
 * against the evaluation context (never JavaScript).
 */
export interface ActionStep {
  kind: 'action';
  label?: string;
  connector: string;
  /** The connector package version the step was built with. */
  connectorVersion?: string;
  action: string;
  /** A connection id or name in the workspace. */
  connection: string;
  input: Record<string, unknown>;
  retry?: RetryPolicy;
  compensate?: 'auto' | 'none';
}

export interface ParallelStep {
  kind: 'parallel';
  label?: string;
}

export interface JoinStep {
  kind: 'join';
  label?: string;
}

export interface EndStep {
  kind: 'end';
  label?: string;
}

export type Step =
  | ConditionStep
  | SplitStep
  | WaitStep
  | WaitForEventStep
  | ScoreStep
  | ApprovalStep
  | ActionStep
  | ParallelStep
  | JoinStep
  | EndStep;

export type StepKind = Step['kind'];

export interface Edge {
  from: NodeId;
  to: NodeId;
  /** Which output of `from`: "yes"/"no" for conditions, a variant port for splits. */
  port?: string;
}

/**
 * A step blocked by the workspace's per-contact frequency cap is skipped (recorded as skipped) or
 * waits until the cap allows it. When two playbooks claim the same contact, the higher priority wins.
 */
export interface OutreachSettings {
  /** 0–100, default 50. */
  priority?: number;
  /** Default "skip". */
  whenCapped?: 'skip' | 'wait';
}

export interface Playbook {
  schemaVersion: 1;
  id: string;
  version: number;
  name: string;
  description?: string;
  trigger: Trigger;
  enrollment: Enrollment;
  start: NodeId;
  nodes: Record<NodeId, Step>;
  edges: Edge[];
  /** How this playbook's outreach shares contacts with other playbooks (frequency caps). */
  outreach?: OutreachSettings;
  /** Designer layout only; never read by the runtime. */
  layout?: Record<NodeId, { x: number; y: number }>;
}

/** A problem found by validate(), tied to the node (or edge) it concerns. */
export interface ValidationProblem {
  code:
    | 'schema'
    | 'missing_start'
    | 'unknown_node'
    | 'dangling_edge'
    | 'unreachable_node'
    | 'missing_config'
    | 'invalid_port'
    | 'missing_port'
    | 'cycle_without_wait'
    | 'dead_end'
    | 'unknown_model'
    | 'unknown_tier';
  message: string;
  nodeId?: NodeId;
  edgeIndex?: number;
  path?: (string | number)[];
}

export interface ValidationResult {
  ok: boolean;
  problems: ValidationProblem[];
}
