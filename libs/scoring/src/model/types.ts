/**
 * Scoring models, schemaVersion 1: the contract shared by the scoring library, the backend (which
 * persists and versions models) and the designer (which edits them). Pure types; the zod schema and
 * validateScoringModel() live beside this file.
 */
import type { Filter } from '@tripline/playbook';

/** How old points lose value. Computed from event timestamps, so arrival order never matters. */
export type Decay =
  | { kind: 'none' }
  /** Points halve every `days` days after the event. */
  | { kind: 'halfLife'; days: number }
  /** Only events of the last `days` days count, at full value. */
  | { kind: 'window'; days: number };

/** At most `count` scored events of a rule per subject per calendar bucket (UTC). */
export interface RuleCap {
  count: number;
  per: 'day' | 'week' | 'month';
}

/** Event name + structured property filter → base points × weighting factor. Points may be negative. */
export interface EventRule {
  id: string;
  event: string;
  where?: Filter;
  points: number;
  weight: number;
  cap?: RuleCap;
  rationale?: string;
}

/**
 * Inclusive score bounds, e.g. Low 0–40 "monitor", Medium 41–70 "nurture", High 71–100 "escalate".
 * A score belongs to the last tier (in ascending order) whose `min` it reaches, so 40.5 is Low and
 * an event-model score above the last `max` stays in the last tier; below the first `min` there is no tier.
 */
export interface Tier {
  name: string;
  min: number;
  max: number;
  /** What sales does at this tier, e.g. "monitor", "nurture", "escalate". */
  action?: string;
  /** How soon the action is due after a subject enters the tier (the domain's SLAs). */
  slaHours?: number;
}

/** How person scores become an account score. */
export type Rollup = 'sum' | 'max' | 'average';

/**
 * What a component measures over an account's recent history (aggregates over windows). A window of
 * `windowDays` days is the `windowDays` UTC calendar days ending with the day scored. Event-based
 * metrics take an optional event name (matched exactly; any event when absent) and an optional
 * structured filter over the event (event.name, event.properties.*, person.traits.*, account.traits.*).
 */
export type ComponentMetric =
  /** Distinct active people in the window as a percentage of a numeric account trait (e.g. WAU vs seats). */
  | { kind: 'activeUsersRatio'; event?: string; where?: Filter; windowDays: number; denominatorTrait: string }
  /** Distinct values of an event property in the window (e.g. advanced features used). */
  | { kind: 'distinctPropertyValues'; event?: string; where?: Filter; property: string; windowDays: number }
  /** Average of a numeric event property in the window (e.g. session minutes). */
  | { kind: 'averageProperty'; event?: string; where?: Filter; property: string; windowDays: number }
  /** Matching events per active person (active with any event) in the window (e.g. collaboration actions per user per month). */
  | { kind: 'eventsPerActiveUser'; event?: string; where?: Filter; windowDays: number }
  /** A numeric account trait as is (e.g. active integrations). */
  | { kind: 'trait'; trait: string }
  /** Growth of distinct active people (any event): last window vs the one before, in percent (e.g. MoM user growth). */
  | { kind: 'activeUsersGrowth'; windowDays: number }
  /** A numeric account trait as a percentage of another (e.g. usage relative to plan limit). */
  | { kind: 'traitRatio'; numeratorTrait: string; denominatorTrait: string };

/** One factor of the component model: full weight once the metric reaches `fullPointsAt`, linear below. */
export interface ScoreComponent {
  id: string;
  name: string;
  metric: ComponentMetric;
  fullPointsAt: number;
  weight: number;
  rationale?: string;
}

interface ScoringModelBase {
  schemaVersion: 1;
  id: string;
  version: number;
  name: string;
  description?: string;
  tiers: Tier[];
}

/** Event-based lead scoring: people are scored by rules; accounts by rolling their people up. */
export interface EventScoringModel extends ScoringModelBase {
  kind: 'events';
  rules: EventRule[];
  decay: Decay;
  rollup: Rollup;
}

/** The component (factor) model, e.g. the 7-factor PQL model: accounts scored 0–100; weights sum to 100. */
export interface ComponentScoringModel extends ScoringModelBase {
  kind: 'components';
  components: ScoreComponent[];
}

export type ScoringModel = EventScoringModel | ComponentScoringModel;

export interface ScoringModelProblem {
  code: 'schema' | 'weights_sum' | 'tiers' | 'duplicate_id' | 'missing_config' | 'points';
  message: string;
  path?: (string | number)[];
}

export interface ScoringModelValidation {
  ok: boolean;
  problems: ScoringModelProblem[];
}

/**
 * One product event as scoring sees it: what ingest hands to applyEvent() and recordActivity().
 * `properties` and traits are read through structured filters only.
 */
export interface ScoredEvent {
  /** Segment messageId: the same id twice is the same event. */
  messageId: string;
  /** The track event name, matched exactly against rules. */
  event: string;
  /** When the event happened, epoch milliseconds. Decay and caps use this, never arrival time. */
  timestamp: number;
  properties: Record<string, unknown>;
  person?: { id: string; traits: Record<string, unknown> };
  account?: { id: string; traits: Record<string, unknown> };
}
