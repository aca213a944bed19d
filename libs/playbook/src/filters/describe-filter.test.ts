import type { FilterOperator } from '../dsl/types';
import { FILTER_OPERATOR_NAMES } from '../dsl/schema';
import { describeFilter } from './describe-filter';
import { FILTER_OPERATORS, operatorInfo } from './operators';

describe('describeFilter', () => {
  it('reads like the designer shows it', () => {
    expect(
      describeFilter({
        all: [
          { property: 'event.properties.plan', operator: 'eq', value: 'pro' },
          { property: 'account.traits.seats', operator: 'gte', value: 10 },
        ],
      }),
    ).toBe('plan = pro AND seats ≥ 10');
  });

  it('describes every operator', () => {
    const text = (operator: FilterOperator, value?: unknown) =>
      describeFilter({ property: 'person.traits.plan', operator, ...(value === undefined ? {} : { value }) } as never);
    expect(text('neq', 'free')).toBe('plan ≠ free');
    expect(text('gt', 1)).toBe('plan > 1');
    expect(text('lt', 1)).toBe('plan < 1');
    expect(text('lte', 1)).toBe('plan ≤ 1');
    expect(text('contains', 'pr')).toBe('plan contains pr');
    expect(text('notContains', 'pr')).toBe('plan does not contain pr');
    expect(text('startsWith', 'p')).toBe('plan starts with p');
    expect(text('endsWith', 'o')).toBe('plan ends with o');
    expect(text('in', ['pro', 'team'])).toBe('plan in (pro, team)');
    expect(text('notIn', ['free'])).toBe('plan not in (free)');
    expect(text('exists')).toBe('plan is known');
    expect(text('notExists')).toBe('plan is unknown');
    expect(text('eq', null)).toBe('plan = empty');
    expect(text('eq', true)).toBe('plan = true');
    expect(text('eq', 'two words')).toBe('plan = "two words"');
    expect(text('eq')).toBe('plan = ?');
  });

  it('keeps other paths whole and parenthesises nested groups', () => {
    expect(
      describeFilter({
        any: [
          { property: 'event.name', operator: 'eq', value: 'Signup' },
          { all: [{ property: 'person.traits.role', operator: 'eq', value: 'admin' }, { property: 'account.traits.employees', operator: 'gt', value: 50 }] },
        ],
      }),
    ).toBe('event.name = Signup OR (role = admin AND employees > 50)');
  });

  it('names empty groups and unwraps single-entry groups', () => {
    expect(describeFilter({ all: [] })).toBe('always');
    expect(describeFilter({ any: [] })).toBe('never');
    expect(describeFilter({ all: [{ any: [{ property: 'person.traits.email', operator: 'exists' }] }] })).toBe('email is known');
  });

  it('stays short', () => {
    const many = { all: Array.from({ length: 30 }, (_, index) => ({ property: `person.traits.field${index}`, operator: 'eq' as const, value: 'x'.repeat(60) })) };
    const text = describeFilter(many);
    expect(text.length).toBe(140);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('FILTER_OPERATORS', () => {
  it('lists every operator once, with a label and what value it needs', () => {
    expect(FILTER_OPERATORS.map((entry) => entry.operator).sort()).toEqual([...FILTER_OPERATOR_NAMES].sort());
    for (const entry of FILTER_OPERATORS) {
      expect(entry.label.length).toBeGreaterThan(0);
      expect(entry.needsValue).toBe(entry.value !== 'none');
    }
    expect(operatorInfo('exists')).toMatchObject({ needsValue: false, value: 'none', label: 'is known' });
    expect(operatorInfo('in')).toMatchObject({ needsValue: true, value: 'list' });
    expect(operatorInfo('gte')).toMatchObject({ needsValue: true, value: 'single', symbol: '≥' });
    expect(operatorInfo('__proto__')).toBeUndefined();
  });
});
