/**
 * Data-quality KPIs of a source from its counters, and the rule for when a source falls below.
 * Pure: the resolver, alerts and tests share it. Definitions and thresholds come from the domain
 * material's "Data Quality KPIs" table (see README.md):
 * - completeness = complete / stored                 (threshold ≥ 95 %)
 * - deduplication rate = stored / received           (≥ 99 %; the duplicate rate is its complement)
 * - identity match rate = identified / stored        (≥ 90 %)
 * - account match rate = accountMatched / stored     (≥ 90 %, the account half of "user-account linkage")
 * where stored = received − duplicates.
 */
import { QualityCounters } from './quality-counters';

export const QUALITY_KPIS = ['completeness', 'deduplication', 'identityMatch', 'accountMatch'] as const;
export type QualityKpi = (typeof QUALITY_KPIS)[number];

export type QualityThresholds = Record<QualityKpi, number>;

export const DOMAIN_THRESHOLDS: Readonly<QualityThresholds> = Object.freeze({ completeness: 0.95, deduplication: 0.99, identityMatch: 0.9, accountMatch: 0.9 });

/**
 * A rate is judged only when its denominator has at least this many events: below 100, a single
 * event moves a rate by more than 1 %, the margin of the strictest threshold (99 %).
 */
export const DEFAULT_MIN_EVENTS = 100;

export interface QualityOptions {
  /** Overrides of the domain thresholds, each a fraction in [0, 1]. */
  thresholds?: Partial<QualityThresholds>;
  /** Fewest events a rate must be measured on before it can flag (integer ≥ 1). */
  minEvents?: number;
}

export interface QualityRates {
  stored: number;
  /** null when nothing was stored (every call a duplicate) */
  completeness: number | null;
  duplicateRate: number | null;
  deduplicationRate: number | null;
  identityMatchRate: number | null;
  accountMatchRate: number | null;
}

export interface QualityFlag {
  kpi: QualityKpi;
  /** The measured rate, a fraction. */
  value: number;
  threshold: number;
  /** The rate's denominator: received calls for deduplication, stored calls otherwise. */
  events: number;
  message: string;
}

export interface QualityAssessment extends QualityCounters, QualityRates {
  flags: QualityFlag[];
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function qualityRates(counters: QualityCounters): QualityRates {
  const stored = counters.received - counters.duplicates;
  return {
    stored,
    completeness: ratio(counters.complete, stored),
    duplicateRate: ratio(counters.duplicates, counters.received),
    deduplicationRate: ratio(stored, counters.received),
    identityMatchRate: ratio(counters.identified, stored),
    accountMatchRate: ratio(counters.accountMatched, stored),
  };
}

/** Counters, rates and the flags of the KPIs that fall below their thresholds. */
export function assessQuality(counters: QualityCounters, options: QualityOptions = {}): QualityAssessment {
  const { thresholds, minEvents } = resolveOptions(options);
  const rates = qualityRates(counters);
  const measured: Record<QualityKpi, { value: number | null; events: number; parts: string }> = {
    completeness: { value: rates.completeness, events: rates.stored, parts: `${counters.complete} of ${rates.stored} stored events carry every required field` },
    deduplication: { value: rates.deduplicationRate, events: counters.received, parts: `${counters.duplicates} of ${counters.received} received events were duplicates` },
    identityMatch: { value: rates.identityMatchRate, events: rates.stored, parts: `${counters.identified} of ${rates.stored} stored events were stitched to an identified person` },
    accountMatch: { value: rates.accountMatchRate, events: rates.stored, parts: `${counters.accountMatched} of ${rates.stored} stored events were stitched to a person in an account` },
  };
  const flags: QualityFlag[] = [];
  for (const kpi of QUALITY_KPIS) {
    const { value, events, parts } = measured[kpi];
    const threshold = thresholds[kpi];
    if (value === null || events < minEvents || value >= threshold) continue;
    flags.push({ kpi, value, threshold, events, message: `${KPI_LABELS[kpi]} ${percent(value)} is below ${percent(threshold)}: ${parts}` });
  }
  return { ...counters, ...rates, flags };
}

const KPI_LABELS: Record<QualityKpi, string> = {
  completeness: 'Completeness',
  deduplication: 'Deduplication rate',
  identityMatch: 'Identity match rate',
  accountMatch: 'Account match rate',
};

/** Options with defaults filled in; a clear error names any bad value. */
export function resolveOptions(options: QualityOptions): { thresholds: QualityThresholds; minEvents: number } {
  const thresholds = { ...DOMAIN_THRESHOLDS, ...definedOnly(options.thresholds ?? {}) };
  for (const kpi of QUALITY_KPIS) {
    const value = thresholds[kpi];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new RangeError(`thresholds.${kpi} must be a fraction between 0 and 1 (got ${String(value)})`);
    }
  }
  const minEvents = options.minEvents ?? DEFAULT_MIN_EVENTS;
  if (!Number.isInteger(minEvents) || minEvents < 1) throw new RangeError(`minEvents must be an integer of at least 1 (got ${String(minEvents)})`);
  return { thresholds, minEvents };
}

function definedOnly(thresholds: Partial<QualityThresholds>): Partial<QualityThresholds> {
  const entries = Object.entries(thresholds).filter(([, v]) => v !== undefined && v !== null);
  for (const [key] of entries) {
    if (!(QUALITY_KPIS as readonly string[]).includes(key)) throw new RangeError(`thresholds.${key} is not a KPI: use one of ${QUALITY_KPIS.join(', ')}`);
  }
  return Object.fromEntries(entries);
}

/**
 * A fraction as a percentage with at most two decimals, truncated rather than rounded so that a
 * rate below its threshold never reads as equal to it (0.98996 is "98.99 %", not "99 %").
 */
export function percent(fraction: number): string {
  const hundredths = Math.floor(fraction * 10_000 + 1e-9);
  return `${(hundredths / 100).toString()} %`;
}
