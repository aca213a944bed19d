/**
 * Structured filters over one scored event, compiled once per filter object into closures: the same
 * answer as evaluateFilter(filter, evaluationContextOf(event)) without building the context (nor its
 * ISO timestamp) per event. Nothing is generated or executed from the filter's text: a rule becomes a
 * pre-split property path plus the playbook evaluator itself, asked about the one value the path
 * reads. A rule's answer depends only on that value, so it is remembered per primitive value (a few
 * hundred at most). Filters are treated as immutable once used (edit a copy), as models are.
 */
import { evaluateFilter, isFilterGroup, readPropertyPath, ruleProblem, type EvaluationContext, type Filter, type FilterRule } from '@tripline/playbook';
import type { ScoredEvent } from '../model/types';

/** Whether the event passes the filter. */
export type EventFilter = (event: ScoredEvent) => boolean;

/** Nesting this deep is left to the playbook evaluator (which refuses beyond its own limit). */
const COMPILED_DEPTH = 32;
/** Values remembered per rule. */
const MEMO_LIMIT = 256;
/** Largest |epoch ms| a Date holds: beyond it toISOString() throws, as building the context would. */
const MAX_DATE_MS = 8.64e15;

const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key);

/**
 * The context evaluateFilter() would be given (see evaluationContextOf), built only on the rare paths
 * that need it. Its ISO timestamp is formatted when read (callers check the time is representable
 * where the full context would have been built; see checkIsoTimestamp).
 */
function contextOf(event: ScoredEvent): EvaluationContext {
  const eventContext: NonNullable<EvaluationContext['event']> = { name: event.event, messageId: event.messageId, properties: event.properties ?? {} };
  Object.defineProperty(eventContext, 'timestamp', { get: () => new Date(event.timestamp).toISOString(), enumerable: true, configurable: true });
  const context: EvaluationContext = { event: eventContext };
  if (event.person) context.person = { id: event.person.id, traits: event.person.traits ?? {} };
  if (event.account) context.account = { id: event.account.id, traits: event.account.traits ?? {} };
  return context;
}

/** Throws what new Date(timestamp).toISOString() throws (an out-of-range time), as building the full context does. */
export function checkIsoTimestamp(timestamp: number): void {
  if (!(timestamp >= -MAX_DATE_MS && timestamp <= MAX_DATE_MS)) new Date(timestamp).toISOString();
}

/** Whether readPropertyPath() follows `segment` at all (not empty, not a forbidden key such as "__proto__"). */
function segmentAllowed(segment: string): boolean {
  if (segment === '') return false;
  const probe = Object.defineProperty({}, segment, { value: true, enumerable: true, configurable: true, writable: true });
  return readPropertyPath(probe, segment) === true;
}

/** Follows own properties from `start`, as readPropertyPath() does past the context's first two levels. */
function walk(start: unknown, rest: readonly string[]): unknown {
  let current = start;
  for (let index = 0; index < rest.length; index += 1) {
    if (typeof current !== 'object' || current === null) return undefined;
    const segment = rest[index]!;
    if (!hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

type Reader = (event: ScoredEvent) => unknown;

/** What `path` reads in evaluationContextOf(event), without building it. */
function readerOf(path: string): Reader {
  const segments = path.split('.');
  if (!segments.every(segmentAllowed)) return () => undefined;
  const [root, field] = segments;
  const rest = segments.slice(2);
  if (field === undefined) {
    // The whole event / person / account object: rare enough to build the context for.
    return (event) => readPropertyPath(contextOf(event), path);
  }
  if (root === 'event') {
    switch (field) {
      case 'name':
        return (event) => walk(event.event, rest);
      case 'messageId':
        return (event) => walk(event.messageId, rest);
      case 'properties':
        return (event) => walk(event.properties ?? {}, rest);
      case 'timestamp':
        return (event) => walk(new Date(event.timestamp).toISOString(), rest);
      default:
        return () => undefined;
    }
  }
  if (root === 'person' || root === 'account') {
    if (field === 'id') return (event) => (event[root] ? walk(event[root]!.id, rest) : undefined);
    if (field === 'traits') return (event) => (event[root] ? walk(event[root]!.traits ?? {}, rest) : undefined);
    return () => undefined;
  }
  return () => undefined;
}

const isPrimitive = (value: unknown): boolean => value === null || (typeof value !== 'object' && typeof value !== 'function');

function compileRule(rule: FilterRule): EventFilter {
  if (ruleProblem(rule) !== undefined) return () => false;
  const read = readerOf(rule.property);
  // The same rule asked about one value: the evaluator reads `v` from a one-key context.
  const probe = { ...rule, property: 'v' } as FilterRule;
  const judge = (value: unknown): boolean => evaluateFilter(probe, { v: value } as unknown as EvaluationContext);
  const memo = new Map<unknown, boolean>();
  return (event) => {
    const value = read(event);
    if (!isPrimitive(value)) return judge(value);
    const known = memo.get(value);
    if (known !== undefined) return known;
    const answer = judge(value);
    if (memo.size < MEMO_LIMIT) memo.set(value, answer);
    return answer;
  };
}

/** Compiles a well-formed filter, or returns undefined for shapes left to the evaluator (too deep, not objects). */
function compileAt(filter: Filter, depth: number): EventFilter | undefined {
  if (depth > COMPILED_DEPTH || typeof filter !== 'object' || filter === null || Array.isArray(filter)) return undefined;
  if (!isFilterGroup(filter)) return compileRule(filter);
  const all = 'all' in filter;
  const list = all ? (filter as { all: unknown }).all : (filter as { any: unknown }).any;
  if (!Array.isArray(list)) return () => false;
  const children: EventFilter[] = [];
  for (const child of list as Filter[]) {
    const compiled = compileAt(child, depth + 1);
    if (compiled === undefined) return undefined;
    children.push(compiled);
  }
  if (children.length === 1 && all) return children[0]!;
  if (all) {
    return (event) => {
      for (let index = 0; index < children.length; index += 1) if (!children[index]!(event)) return false;
      return true;
    };
  }
  return (event) => {
    for (let index = 0; index < children.length; index += 1) if (children[index]!(event)) return true;
    return false;
  };
}

const compiled = new WeakMap<object, EventFilter>();

/**
 * The filter as a function of the event, cached per filter object. Equal to
 * evaluateFilter(filter, evaluationContextOf(event)) for every event (property test).
 */
export function eventFilterOf(filter: Filter): EventFilter {
  if (typeof filter !== 'object' || filter === null) return (event) => evaluateFilter(filter, contextOf(event));
  let found = compiled.get(filter);
  if (found === undefined) {
    found = compileAt(filter, 0) ?? ((event: ScoredEvent) => evaluateFilter(filter, contextOf(event)));
    compiled.set(filter, found);
  }
  return found;
}
