import { formatRate, judgeRollback } from './rollback-criterion';

const criteria = { fireRateIncreaseAbove: 2, minFires: 10 };

describe('judgeRollback', () => {
  it('is met when the rate more than doubled with enough fires', () => {
    const verdict = judgeRollback({ version: 3, fires: 50, hours: 10 }, { version: 2, fires: 20, hours: 10 }, criteria);
    expect(verdict.met).toBe(true);
    expect(verdict.explanation).toBe('fire rate 5/h is more than 2 × 2/h (version 2), with 50 fires');
    expect(verdict.figures.current.perHour).toBe(5);
    expect(verdict.figures.previous!.perHour).toBe(2);
  });

  it('is not met at exactly the multiple, and says so with the figures', () => {
    const verdict = judgeRollback({ version: 3, fires: 12, hours: 10 }, { version: 2, fires: 9, hours: 15 }, criteria);
    expect(verdict.met).toBe(false);
    expect(verdict.explanation).toBe('fire rate 1.2/h is not more than 2 × 0.6/h (version 2)');
  });

  it('needs minFires even when the rate exploded', () => {
    const verdict = judgeRollback({ version: 3, fires: 9, hours: 1 }, { version: 2, fires: 0, hours: 100 }, criteria);
    expect(verdict.met).toBe(false);
    expect(verdict.explanation).toContain('fired 9 times since it was published; the criterion needs at least 10');
  });

  it('counts any rate above a silent previous version once minFires is reached', () => {
    expect(judgeRollback({ version: 2, fires: 10, hours: 5 }, { version: 1, fires: 0, hours: 48 }, criteria).met).toBe(true);
  });

  it('has nothing to compare the first version with', () => {
    const verdict = judgeRollback({ version: 1, fires: 100, hours: 1 }, null, criteria);
    expect(verdict.met).toBe(false);
    expect(verdict.explanation).toContain('first published version');
  });

  it('does not divide by almost nothing right after a publish', () => {
    expect(judgeRollback({ version: 2, fires: 1, hours: 0 }, { version: 1, fires: 1, hours: 1 }, { ...criteria, minFires: 1 }).figures.current.perHour).toBe(60);
  });
});

describe('formatRate', () => {
  it('keeps at most two decimals', () => {
    expect([0.6, 1.25, 1 / 3, 12.345, 0].map(formatRate)).toEqual(['0.6', '1.25', '0.33', '12.3', '0']);
  });
});
