import type { Filter, FilterGroup } from '@tripline/playbook';
import { appendTo, convertValue, filterOfRoot, newRule, parseListText, replaceAt, rootOf, setModeAt, withOperator } from './filter-edits';

const plan = { property: 'account.traits.plan', operator: 'eq', value: 'pro' } as const;
const seats = { property: 'account.traits.seats', operator: 'gte', value: 10 } as const;

describe('withOperator', () => {
  it('drops the value for "is known", makes a list for "is any of", and one value otherwise', () => {
    expect(withOperator(plan, 'exists')).toEqual({ property: 'account.traits.plan', operator: 'exists' });
    expect(withOperator(plan, 'in')).toEqual({ property: 'account.traits.plan', operator: 'in', value: ['pro'] });
    expect(withOperator({ ...plan, value: '' }, 'in')).toEqual({ property: 'account.traits.plan', operator: 'in', value: [] });
    expect(withOperator({ property: 'x', operator: 'in', value: ['a', 'b'] }, 'neq')).toEqual({ property: 'x', operator: 'neq', value: 'a' });
    expect(withOperator({ property: 'x', operator: 'exists' }, 'contains')).toEqual({ property: 'x', operator: 'contains', value: '' });
  });

  it('reads a number typed as text as a number for ordered comparisons', () => {
    expect(withOperator({ property: 'seats', operator: 'eq', value: '10' }, 'gte')).toEqual({ property: 'seats', operator: 'gte', value: 10 });
    expect(withOperator({ property: 'closedAt', operator: 'eq', value: '2025-01-31' }, 'lt')).toMatchObject({ value: '2025-01-31' });
  });
});

describe('tree edits', () => {
  const root: FilterGroup = { all: [plan, { any: [seats] }] };

  it('replaces, removes and appends at a path', () => {
    expect(replaceAt(root, [1, 0], { ...seats, value: 20 })).toEqual({ all: [plan, { any: [{ ...seats, value: 20 }] }] });
    expect(replaceAt(root, [0], undefined)).toEqual({ all: [{ any: [seats] }] });
    expect(appendTo(root, [1], newRule())).toEqual({ all: [plan, { any: [seats, { property: '', operator: 'eq', value: '' }] }] });
    expect(setModeAt(root, [], 'any')).toEqual({ any: [plan, { any: [seats] }] });
    expect(setModeAt(root, [1], 'all')).toEqual({ all: [plan, { all: [seats] }] });
  });

  it('keeps a bare rule bare while it is alone, and wraps it once a second entry joins', () => {
    const bare = rootOf(plan);
    expect(filterOfRoot(bare, false)).toEqual(plan);
    expect(filterOfRoot({ ...bare, group: appendTo(bare.group, [], seats) }, false)).toEqual({ all: [plan, seats] });
    expect(filterOfRoot({ ...bare, group: setModeAt(bare.group, [], 'any') }, false)).toEqual({ any: [plan] });
    expect(filterOfRoot(rootOf({ all: [plan] }), false)).toEqual({ all: [plan] });
  });

  it('writes nothing for an emptied optional filter, the empty AND group for a required one', () => {
    const emptied = (filter: Filter | undefined) => {
      const root = rootOf(filter);
      return { ...root, group: replaceAt(root.group, [0], undefined) };
    };
    expect(filterOfRoot(emptied(plan), true)).toBeUndefined();
    expect(filterOfRoot(emptied(plan), false)).toEqual({ all: [] });
    expect(filterOfRoot(emptied({ any: [plan] }), true)).toBeUndefined();
    expect(filterOfRoot(rootOf(undefined), true)).toBeUndefined();
  });
});

describe('values', () => {
  it('converts between types', () => {
    expect(convertValue('42', 'number')).toBe(42);
    expect(convertValue('x', 'number')).toBe(0);
    expect(convertValue(42, 'text')).toBe('42');
    expect(convertValue(['1', '2'], 'number')).toEqual([1, 2]);
    expect(convertValue('false', 'boolean')).toBe(false);
    expect(convertValue('x', 'null')).toBeNull();
  });

  it('reads lists one entry per line', () => {
    expect(parseListText('pro\n enterprise \n\n', 'text')).toEqual({ ok: true, value: ['pro', 'enterprise'] });
    expect(parseListText('1\n2.5', 'number')).toEqual({ ok: true, value: [1, 2.5] });
    expect(parseListText('1\nabc', 'number')).toEqual({ ok: false, error: '"abc" is not a number' });
  });
});
