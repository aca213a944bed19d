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
}

/** What enrolls a subject into a playbook. Only product events in schemaVersion 1's first cut;
 * score, tier, aggregate, CRM and schedule triggers are added by later issues. */
export interface EventTrigger {
  kind: 'event';
  /** The track event name, matched exactly (e.g. "Demo Requested"). */
  event: string;
  /** Optional structured filter over the evaluation context (event.properties.*, person.traits.*). */
  where?: Filter;
}

export type Trigger = EventTrigger;

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
    | 'dead_end';
  message: string;
  nodeId?: NodeId;
  edgeIndex?: number;
  path?: (string | number)[];
}

export interface ValidationResult {
  ok: boolean;
  problems: ValidationProblem[];
}
