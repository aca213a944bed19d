/**
 * How filter values compare. Decisions (documented for people writing conditions):
 * - Text compares case-insensitively, like HubSpot's filters ("PRO" = "pro").
 * - A number and a numeric string compare as numbers ("10" = 10, "9.5" < 10), because traits
 *   imported from CSVs and CRMs often arrive as text.
 * - A boolean equals "true"/"false" written as text.
 * - gt/gte/lt/lte compare numbers (or numeric strings) numerically, and two ISO-8601 dates
 *   ("2025-01-31", "2025-01-31T09:00:00Z") as instants; anything else is not ordered (false).
 * - Missing (undefined) and null are equal to each other and to nothing else.
 * All of it is pure: no clock, no locale.
 */
import type { Scalar } from '../dsl/types';

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

export function isNullish(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/** A finite number from a number or a numeric string; undefined otherwise. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMERIC.test(value.trim())) {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Epoch milliseconds of an ISO-8601 date; a time without a zone is read as UTC (never local time). */
export function asInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return undefined;
  const withZone = value.includes('T') && !HAS_ZONE.test(value) ? `${value}Z` : value;
  const parsed = Date.parse(withZone);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lowered = value.trim().toLowerCase();
    if (lowered === 'true') return true;
    if (lowered === 'false') return false;
  }
  return undefined;
}

/** Text form for the string operators: strings and finite numbers, lower-cased. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Equality of an actual context value and a rule value, by the rules above. */
export function valuesEqual(actual: unknown, expected: Scalar): boolean {
  if (isNullish(actual) || isNullish(expected)) return isNullish(actual) && isNullish(expected);
  if (typeof actual === 'boolean' || typeof expected === 'boolean') {
    const a = asBoolean(actual);
    const b = asBoolean(expected);
    return a !== undefined && a === b;
  }
  if (typeof actual === 'number' || typeof expected === 'number') {
    const a = asNumber(actual);
    const b = asNumber(expected);
    return a !== undefined && a === b;
  }
  if (typeof actual === 'string' && typeof expected === 'string') {
    return actual.toLowerCase() === expected.toLowerCase();
  }
  return false;
}

/** -1, 0 or 1 when both sides are numbers (or numeric strings) or both are ISO dates; else undefined. */
export function orderValues(actual: unknown, expected: Scalar): number | undefined {
  const a = asNumber(actual);
  const b = asNumber(expected);
  if (a !== undefined && b !== undefined) return Math.sign(a - b);
  const x = asInstant(actual);
  const y = asInstant(expected);
  if (x !== undefined && y !== undefined) return Math.sign(x - y);
  return undefined;
}
