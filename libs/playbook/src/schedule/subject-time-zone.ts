import type { BusinessHours, EvaluationContext } from '../dsl/types';
import { isTimeZone } from './zoned-time';

export const DEFAULT_TIME_ZONE = 'UTC';

/** Person traits that may hold the subject's IANA time zone, in the order they are read. */
export const TIME_ZONE_TRAITS = ['timezone', 'timeZone'] as const;

export interface ResolvedTimeZone {
  timeZone: string;
  /** Where it came from: the step, the person's trait, or the default. */
  source: 'step' | 'person' | 'default';
  /** Set when the person's trait held something that is not a time zone (the default was used). */
  ignoredTrait?: string;
}

/**
 * The time zone business hours are read in: the step's own `timeZone`, else the person's
 * `timezone` / `timeZone` trait, else UTC. A trait that is not a time zone is data we cannot
 * trust to be clean, so it is skipped (and said so) rather than failing the run; a bad zone in
 * the step itself is the playbook's mistake and is not resolved here (the caller reports it).
 */
export function businessHoursTimeZone(hours: Pick<BusinessHours, 'timeZone'>, context: EvaluationContext): ResolvedTimeZone {
  if (hours.timeZone) return { timeZone: hours.timeZone, source: 'step' };
  const traits = context.person?.traits ?? {};
  for (const name of TIME_ZONE_TRAITS) {
    const value = Object.prototype.hasOwnProperty.call(traits, name) ? traits[name] : undefined;
    if (typeof value !== 'string' || value.trim() === '') continue;
    if (isTimeZone(value.trim())) return { timeZone: value.trim(), source: 'person' };
    return { timeZone: DEFAULT_TIME_ZONE, source: 'default', ignoredTrait: value.slice(0, 64) };
  }
  return { timeZone: DEFAULT_TIME_ZONE, source: 'default' };
}
