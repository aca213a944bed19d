import { isFilterGroup, type EvaluationContext, type Filter } from '@tripline/playbook';
import type { EventRule, EventScoringModel, ScoredEvent } from '../model/types';
import { checkIsoTimestamp, eventFilterOf, type EventFilter } from './event-filter';

/**
 * The context a rule's `where` filter reads: event.name, event.properties.*, person.traits.*,
 * account.traits.* — the same shape playbook conditions use, so one filter language serves both.
 */
export function evaluationContextOf(event: ScoredEvent, options: { timestamp?: boolean } = {}): EvaluationContext {
  const eventContext: NonNullable<EvaluationContext['event']> = { name: event.event, messageId: event.messageId, properties: event.properties ?? {} };
  // Formatting the date is the dearest part of this on ingest: matchRules() skips it when no filter reads it.
  if (options.timestamp !== false) eventContext.timestamp = new Date(event.timestamp).toISOString();
  const context: EvaluationContext = { event: eventContext };
  if (event.person) context.person = { id: event.person.id, traits: event.person.traits ?? {} };
  if (event.account) context.account = { id: event.account.id, traits: event.account.traits ?? {} };
  return context;
}

/** True when a filter reads `event.timestamp`. */
export function filterReadsTimestamp(filter: Filter): boolean {
  if (isFilterGroup(filter)) return ('all' in filter ? filter.all : filter.any).some(filterReadsTimestamp);
  return typeof filter.property === 'string' && filter.property.startsWith('event.timestamp');
}

/** Points a rule scores for one event: base points × weighting factor (e.g. trial 50 × 1.5 = 75). */
export function rulePoints(rule: EventRule): number {
  return rule.points * rule.weight;
}

interface RuleIndex {
  /** Rules by event name, each with its compiled filter (undefined: no filter). */
  byEvent: Map<string, { rules: EventRule[]; filters: (EventFilter | undefined)[]; filtered: boolean }>;
  readsTimestamp: boolean;
}

const ruleIndexes = new WeakMap<EventScoringModel, RuleIndex>();

/** The model's rules grouped by event name, built once per model object (ingest matches every event). */
function ruleIndexOf(model: EventScoringModel): RuleIndex {
  let index = ruleIndexes.get(model);
  if (index !== undefined) return index;
  index = { byEvent: new Map(), readsTimestamp: false };
  for (const rule of model.rules) {
    let entry = index.byEvent.get(rule.event);
    if (entry === undefined) index.byEvent.set(rule.event, (entry = { rules: [], filters: [], filtered: false }));
    entry.rules.push(rule);
    entry.filters.push(rule.where === undefined ? undefined : eventFilterOf(rule.where));
    if (rule.where !== undefined) entry.filtered = true;
    if (rule.where !== undefined && filterReadsTimestamp(rule.where)) index.readsTimestamp = true;
  }
  ruleIndexes.set(model, index);
  return index;
}

const NO_RULES: readonly EventRule[] = Object.freeze([]);
const scratch: EventRule[] = [];

/**
 * matchRules() without a fresh array: the model's own list when no rule of the event has a filter,
 * else a scratch list valid until the next call. For the library's hot paths; never keep or edit it.
 */
export function matchingRules(model: EventScoringModel, event: ScoredEvent): readonly EventRule[] {
  const entry = ruleIndexOf(model).byEvent.get(event.event);
  if (entry === undefined) return NO_RULES;
  if (!entry.filtered) return entry.rules;
  const index = ruleIndexOf(model);
  scratch.length = 0;
  let checked = false;
  for (let position = 0; position < entry.rules.length; position += 1) {
    const filter = entry.filters[position];
    if (filter !== undefined) {
      // The context the evaluator was given carried the ISO timestamp when any rule reads it: it throws the same way.
      if (!checked && index.readsTimestamp) checkIsoTimestamp(event.timestamp);
      checked = true;
      if (!filter(event)) continue;
    }
    scratch.push(entry.rules[position]!);
  }
  return scratch;
}

/**
 * Every rule of `model` the event satisfies: event name exactly, then the rule's filter if any. The
 * model is treated as immutable (its rules are indexed once per model object): edit a copy.
 */
export function matchRules(model: EventScoringModel, event: ScoredEvent): EventRule[] {
  return [...matchingRules(model, event)];
}
