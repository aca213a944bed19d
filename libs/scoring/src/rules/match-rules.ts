import { evaluateFilter, isFilterGroup, type EvaluationContext, type Filter } from '@tripline/playbook';
import type { EventRule, EventScoringModel, ScoredEvent } from '../model/types';

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
  byEvent: Map<string, EventRule[]>;
  readsTimestamp: boolean;
}

const ruleIndexes = new WeakMap<EventScoringModel, RuleIndex>();

/** The model's rules grouped by event name, built once per model object (ingest matches every event). */
function ruleIndexOf(model: EventScoringModel): RuleIndex {
  let index = ruleIndexes.get(model);
  if (index !== undefined) return index;
  index = { byEvent: new Map(), readsTimestamp: false };
  for (const rule of model.rules) {
    const list = index.byEvent.get(rule.event);
    if (list) list.push(rule);
    else index.byEvent.set(rule.event, [rule]);
    if (rule.where !== undefined && filterReadsTimestamp(rule.where)) index.readsTimestamp = true;
  }
  ruleIndexes.set(model, index);
  return index;
}

/**
 * Every rule of `model` the event satisfies: event name exactly, then the rule's filter if any. The
 * model is treated as immutable (its rules are indexed once per model object): edit a copy.
 */
export function matchRules(model: EventScoringModel, event: ScoredEvent): EventRule[] {
  const index = ruleIndexOf(model);
  let context: EvaluationContext | undefined;
  const matched: EventRule[] = [];
  for (const rule of index.byEvent.get(event.event) ?? []) {
    if (rule.where !== undefined) {
      context ??= evaluationContextOf(event, { timestamp: index.readsTimestamp });
      if (!evaluateFilter(rule.where, context)) continue;
    }
    matched.push(rule);
  }
  return matched;
}
