import { assessQuality, DEFAULT_MIN_EVENTS, DOMAIN_THRESHOLDS, percent, qualityRates, resolveOptions } from './quality-kpis';

describe('quality KPIs', () => {
  it('uses the domain thresholds by default: completeness 95 %, deduplication 99 %, identity and account match 90 %', () => {
    expect(DOMAIN_THRESHOLDS).toEqual({ completeness: 0.95, deduplication: 0.99, identityMatch: 0.9, accountMatch: 0.9 });
    expect(resolveOptions({})).toEqual({ thresholds: DOMAIN_THRESHOLDS, minEvents: DEFAULT_MIN_EVENTS });
  });

  it('computes the rates from the counters, over stored = received - duplicates', () => {
    // 400 received, 12 duplicates → 388 stored; 380/388 complete, 370/388 identified, 350/388 in an account.
    const rates = qualityRates({ received: 400, duplicates: 12, complete: 380, identified: 370, accountMatched: 350 });
    expect(rates).toEqual({
      stored: 388,
      completeness: 380 / 388,
      duplicateRate: 12 / 400, // 0.03
      deduplicationRate: 388 / 400, // 0.97
      identityMatchRate: 370 / 388,
      accountMatchRate: 350 / 388,
    });
  });

  it('has no rate over nothing stored, and flags only what it can measure', () => {
    const allDuplicates = assessQuality({ received: 150, duplicates: 150, complete: 0, identified: 0, accountMatched: 0 });
    expect(allDuplicates).toMatchObject({ stored: 0, completeness: null, identityMatchRate: null, accountMatchRate: null, duplicateRate: 1, deduplicationRate: 0 });
    expect(allDuplicates.flags.map((f) => f.kpi)).toEqual(['deduplication']);
  });

  it('flags every KPI below its threshold with the value, threshold, event count and a message', () => {
    // 200 received, 4 duplicates → 196 stored. 0.98 < 0.99; 180/196 = 0.918… < 0.95; 170/196 = 0.867… < 0.9; 100/196 = 0.510… < 0.9.
    const { flags } = assessQuality({ received: 200, duplicates: 4, complete: 180, identified: 170, accountMatched: 100 });
    expect(flags).toEqual([
      { kpi: 'completeness', value: 180 / 196, threshold: 0.95, events: 196, message: 'Completeness 91.83 % is below 95 %: 180 of 196 stored events carry every required field' },
      { kpi: 'deduplication', value: 0.98, threshold: 0.99, events: 200, message: 'Deduplication rate 98 % is below 99 %: 4 of 200 received events were duplicates' },
      {
        kpi: 'identityMatch',
        value: 170 / 196,
        threshold: 0.9,
        events: 196,
        message: 'Identity match rate 86.73 % is below 90 %: 170 of 196 stored events were stitched to an identified person',
      },
      {
        kpi: 'accountMatch',
        value: 100 / 196,
        threshold: 0.9,
        events: 196,
        message: 'Account match rate 51.02 % is below 90 %: 100 of 196 stored events were stitched to a person in an account',
      },
    ]);
  });

  it('does not flag a rate exactly at its threshold', () => {
    // 1000 received, 10 duplicates: 990/1000 = 0.99 exactly; 950 complete of 990 stored = 0.9596 ≥ 0.95; 891/990 = 0.9 exactly.
    const { flags } = assessQuality({ received: 1000, duplicates: 10, complete: 950, identified: 891, accountMatched: 891 });
    expect(flags).toEqual([]);
  });

  it('flags one event under a threshold', () => {
    // 1000 received, 11 duplicates: 989/1000 = 0.989 < 0.99.
    const { flags } = assessQuality({ received: 1000, duplicates: 11, complete: 989, identified: 989, accountMatched: 989 });
    expect(flags.map((f) => [f.kpi, f.value])).toEqual([['deduplication', 0.989]]);
  });

  it('judges a rate only once it is measured on at least minEvents events', () => {
    // 99 received, all anonymous: every rate but deduplication is 0, yet 99 < 100 events.
    const few = { received: 99, duplicates: 0, complete: 0, identified: 0, accountMatched: 0 };
    expect(assessQuality(few).flags).toEqual([]);
    expect(assessQuality(few, { minEvents: 99 }).flags.map((f) => f.kpi)).toEqual(['completeness', 'identityMatch', 'accountMatch']);
    // Deduplication is measured on received (100 here), the others on stored (98 < 100).
    const mixed = assessQuality({ received: 100, duplicates: 2, complete: 0, identified: 0, accountMatched: 0 });
    expect(mixed.flags.map((f) => [f.kpi, f.events])).toEqual([['deduplication', 100]]);
  });

  it('takes thresholds per call', () => {
    const counters = { received: 200, duplicates: 0, complete: 180, identified: 200, accountMatched: 200 }; // completeness 0.9
    expect(assessQuality(counters).flags.map((f) => f.kpi)).toEqual(['completeness']);
    expect(assessQuality(counters, { thresholds: { completeness: 0.9 } }).flags).toEqual([]);
    const strict = assessQuality(counters, { thresholds: { completeness: 0.9, identityMatch: 1, accountMatch: 1 }, minEvents: 1 });
    expect(strict.flags).toEqual([]);
    expect(assessQuality(counters, { thresholds: { completeness: 0.91 } }).flags[0]).toMatchObject({ kpi: 'completeness', value: 0.9, threshold: 0.91 });
  });

  it('rejects bad options with an error naming the problem', () => {
    expect(() => resolveOptions({ thresholds: { completeness: 95 } })).toThrow('thresholds.completeness must be a fraction between 0 and 1 (got 95)');
    expect(() => resolveOptions({ thresholds: { completeness: Number.NaN } })).toThrow(/thresholds.completeness/);
    expect(() => resolveOptions({ thresholds: { uniqueness: 0.5 } as never })).toThrow('thresholds.uniqueness is not a KPI: use one of completeness, deduplication, identityMatch, accountMatch');
    expect(() => resolveOptions({ minEvents: 0 })).toThrow('minEvents must be an integer of at least 1 (got 0)');
    expect(() => resolveOptions({ minEvents: 2.5 })).toThrow(/minEvents/);
  });

  it('prints percentages truncated to two decimals, so a rate below a threshold never reads as equal to it', () => {
    expect(percent(0.95)).toBe('95 %');
    expect(percent(0.98996)).toBe('98.99 %');
    expect(percent(0.9)).toBe('90 %');
    expect(percent(1)).toBe('100 %');
    expect(percent(0)).toBe('0 %');
    expect(percent(180 / 196)).toBe('91.83 %');
  });
});
