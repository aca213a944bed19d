import { rollupAccountScore } from './rollup';

describe('rollupAccountScore', () => {
  const members = [75, 12, 150.5];

  it('sums, takes the max or averages member scores as the model chooses', () => {
    // 75 + 12 + 150.5 = 237.5
    expect(rollupAccountScore({ rollup: 'sum' }, members)).toBe(237.5);
    expect(rollupAccountScore({ rollup: 'max' }, members)).toBe(150.5);
    // 237.5 / 3 = 79.1666…
    expect(rollupAccountScore({ rollup: 'average' }, members)).toBeCloseTo(79.16666666666667, 12);
  });

  it('is 0 for an account without members, and keeps negative scores', () => {
    expect(rollupAccountScore({ rollup: 'max' }, [])).toBe(0);
    expect(rollupAccountScore({ rollup: 'average' }, [])).toBe(0);
    expect(rollupAccountScore({ rollup: 'max' }, [-5, -2])).toBe(-2);
  });
});
