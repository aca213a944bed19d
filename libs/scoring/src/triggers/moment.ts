import { evaluateFilter, type EvaluationContext, type Filter } from '@tripline/playbook';
import { checkIsoTimestamp, eventFilterOf } from '../rules/event-filter';
import type { SubjectAggregates } from '../aggregates/types';
import { evaluationContextOf } from '../rules/match-rules';
import { utcDayOf } from '../time/calendar';
import type { ScoreChange, TriggerInput } from './types';

/** The moment a trigger is evaluated at, with what its leaves read prepared once. */
export interface Moment {
  input: TriggerInput;
  /** UTC day of `now`. */
  today: number;
  /** An event (or CRM change) is being processed; otherwise this is a tick. */
  atEvent: boolean;
  changes: readonly ScoreChange[];
  /** Whether reasons are written (off in backtests, where only `fired` is read). */
  explain: boolean;
  /**
   * Whether the leaf being evaluated must report `holds` truthfully. False when only `fired` is read
   * (a backtest's top level, children of `any` there): costly leaves may then skip work when the
   * event cannot have fired them.
   */
  needHolds: boolean;
  /** The filter context of the event (built on first use). */
  eventContext(): EvaluationContext | undefined;
  /** Whether the moment's event passes `filter`: evaluateFilter(filter, eventContext()), compiled (see eventFilterOf). */
  matches(filter: Filter): boolean;
}

export function momentOf(input: TriggerInput, explain = true, needHolds = true): Moment {
  if (typeof input?.now !== 'number' || !Number.isFinite(input.now)) throw new TypeError('trigger input needs "now" (epoch milliseconds)');
  let context: EvaluationContext | undefined;
  const changes = input.scoreChanges ?? (input.scoreChange ? [input.scoreChange] : []);
  return {
    input,
    today: utcDayOf(input.now),
    atEvent: input.event !== undefined || input.crmChange !== undefined,
    changes,
    explain,
    needHolds,
    eventContext: () => (input.event ? (context ??= evaluationContextOf(input.event)) : undefined),
    matches: (filter) => {
      if (!input.event) return evaluateFilter(filter, {});
      // The full context carries the ISO timestamp: an unrepresentable time throws as it did.
      checkIsoTimestamp(input.event.timestamp);
      return eventFilterOf(filter)(input.event);
    },
  };
}

/** The aggregates a window leaf reads; at an event, what recordEvent() added must be given too. */
export function aggregatesFor(moment: Moment, kind: string): SubjectAggregates {
  const { aggregates, recorded } = moment.input;
  if (aggregates === undefined) throw new TypeError(`a ${kind} trigger needs the subject's aggregates (input.aggregates)`);
  if (moment.input.event !== undefined && recorded === undefined) {
    throw new TypeError(`a ${kind} trigger evaluated at an event needs input.recorded: what recordEvent() returned for it (null if nothing)`);
  }
  return aggregates;
}

/** A leaf's outcome; the reason is only written when the moment explains. */
export function result(moment: Moment, holds: boolean, fired: boolean, reason: () => string) {
  return { holds, fired, reason: moment.explain ? reason() : '' };
}
