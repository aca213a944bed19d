import { accountRevenue, revenueShare, revenueValue } from './revenue-share';

describe('revenue weighting', () => {
  it('reads numbers and numeric strings; anything else counts 0', () => {
    expect([12000, '4800', ' 1200.5 ', '', 'lots', null, undefined, -5, Number.NaN, Infinity, true, {}].map(revenueValue)).toEqual([12000, 4800, 1200.5, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(accountRevenue({ finance: { arr: '900' } }, 'finance.arr')).toBe(900);
    expect(accountRevenue({}, 'arr')).toBe(0);
  });

  it('is the affected accounts’ share of all accounts’ revenue, in percent', () => {
    const revenue = new Map([
      ['a', 1000],
      ['b', 2000],
      ['c', 3000],
      ['d', 0],
    ]);
    expect(revenueShare(new Set(['b', 'd', 'unknown']), revenue, 'arr')).toEqual({ share: 33.3333, value: 2000, notes: [] });
    expect(revenueShare(new Set(), revenue, 'arr')).toEqual({ share: 0, value: 0, notes: [] });
  });

  it('is 0 with a note when there is no revenue to weigh by', () => {
    expect(revenueShare(new Set(['a']), new Map([['a', 0]]), 'arr')).toEqual({ share: 0, value: 0, notes: [expect.stringContaining('no account has a revenue value in trait "arr"')] });
    expect(revenueShare(new Set(), new Map(), 'arr')).toEqual({ share: 0, value: 0, notes: ['the workspace has no accounts: revenue share affected is 0'] });
  });
});
