import type { EvaluationContext, Filter, FilterOperator, FilterRule } from '../dsl/types';
import { evaluateFilter } from './evaluate-filter';
import { readPropertyPath } from './property-path';

const context: EvaluationContext = {
  event: { name: 'Demo Requested', properties: { plan: 'Pro', seats: 12, seatsText: '12', price: '9.50', trial: true, tags: ['beta', 'SSO'], startedAt: '2025-03-01T10:00:00Z', items: [{ sku: 'A-1' }] } },
  person: { id: 'p1', traits: { email: 'ada@example.com', firstName: 'Ada', blank: '', nothing: null, zip: 94107 } },
  account: { id: 'a1', traits: { name: 'Acme', employees: 250, trialEndsOn: '2025-04-01' } },
};

const rule = (property: string, operator: FilterOperator, value?: FilterRule['value']): FilterRule =>
  value === undefined ? { property, operator } : { property, operator, value };
const holds = (filter: Filter) => evaluateFilter(filter, context);

describe('evaluateFilter operators', () => {
  it.each<[string, FilterRule, boolean]>([
    ['eq text, case-insensitive', rule('event.properties.plan', 'eq', 'pro'), true],
    ['eq text mismatch', rule('event.properties.plan', 'eq', 'team'), false],
    ['eq number', rule('event.properties.seats', 'eq', 12), true],
    ['eq numeric string vs number', rule('event.properties.seatsText', 'eq', 12), true],
    ['eq number vs numeric string value', rule('event.properties.seats', 'eq', '12'), true],
    ['eq boolean', rule('event.properties.trial', 'eq', true), true],
    ['eq boolean vs "true"', rule('event.properties.trial', 'eq', 'TRUE'), true],
    ['eq boolean vs "false"', rule('event.properties.trial', 'eq', 'false'), false],
    ['eq null matches missing', rule('person.traits.missing', 'eq', null), true],
    ['eq null matches null', rule('person.traits.nothing', 'eq', null), true],
    ['eq null does not match a value', rule('person.traits.firstName', 'eq', null), false],
    ['eq missing vs text', rule('person.traits.missing', 'eq', 'x'), false],
    ['eq array never equals a scalar', rule('event.properties.tags', 'eq', 'beta'), false],
    ['neq text', rule('event.properties.plan', 'neq', 'team'), true],
    ['neq same text other case', rule('event.properties.plan', 'neq', 'PRO'), false],
    ['neq missing property is "not equal"', rule('person.traits.missing', 'neq', 'x'), true],
    ['gt number', rule('event.properties.seats', 'gt', 10), true],
    ['gt equal', rule('event.properties.seats', 'gt', 12), false],
    ['gte equal', rule('event.properties.seats', 'gte', 12), true],
    ['lt numeric string', rule('event.properties.price', 'lt', 10), true],
    ['lte numeric string value', rule('event.properties.seats', 'lte', '12'), true],
    ['gt text is not ordered', rule('event.properties.plan', 'gt', 1), false],
    ['gt missing', rule('person.traits.missing', 'gt', 0), false],
    ['lt ISO dates', rule('event.properties.startedAt', 'lt', '2025-03-02'), true],
    ['gte ISO date-only vs date-time', rule('account.traits.trialEndsOn', 'gte', '2025-04-01T00:00:00Z'), true],
    ['gt ISO date with offset', rule('event.properties.startedAt', 'gt', '2025-03-01T11:00:00+02:00'), true],
    ['date vs number is not ordered', rule('event.properties.startedAt', 'gt', 5), false],
    ['contains substring, case-insensitive', rule('person.traits.email', 'contains', 'EXAMPLE'), true],
    ['contains on a number', rule('person.traits.zip', 'contains', 941), true],
    ['contains array member', rule('event.properties.tags', 'contains', 'sso'), true],
    ['contains array non-member', rule('event.properties.tags', 'contains', 'ss'), false],
    ['contains missing', rule('person.traits.missing', 'contains', 'a'), false],
    ['notContains', rule('person.traits.email', 'notContains', 'gmail'), true],
    ['notContains present', rule('person.traits.email', 'notContains', 'ada'), false],
    ['notContains missing property', rule('person.traits.missing', 'notContains', 'a'), true],
    ['startsWith', rule('person.traits.email', 'startsWith', 'ADA@'), true],
    ['startsWith no', rule('person.traits.email', 'startsWith', 'bob'), false],
    ['endsWith', rule('person.traits.email', 'endsWith', '.com'), true],
    ['endsWith no', rule('person.traits.email', 'endsWith', '.org'), false],
    ['in', rule('event.properties.plan', 'in', ['team', 'PRO']), true],
    ['in no', rule('event.properties.plan', 'in', ['team', 'free']), false],
    ['in numbers', rule('event.properties.seats', 'in', [10, '12']), true],
    ['in with an array actual (overlap)', rule('event.properties.tags', 'in', ['sso', 'x']), true],
    ['in missing', rule('person.traits.missing', 'in', ['x']), false],
    ['notIn', rule('event.properties.plan', 'notIn', ['free']), true],
    ['notIn no', rule('event.properties.plan', 'notIn', ['pro']), false],
    ['exists', rule('person.traits.email', 'exists'), true],
    ['exists missing', rule('person.traits.missing', 'exists'), false],
    ['exists null', rule('person.traits.nothing', 'exists'), false],
    ['exists empty string', rule('person.traits.blank', 'exists'), false],
    ['exists zero-like values still exist', rule('event.properties.trial', 'exists'), true],
    ['notExists', rule('person.traits.missing', 'notExists'), true],
    ['notExists empty string', rule('person.traits.blank', 'notExists'), true],
    ['notExists present', rule('person.traits.email', 'notExists'), false],
    ['array index path', rule('event.properties.items.0.sku', 'eq', 'a-1'), true],
    ['top-level event name', rule('event.name', 'eq', 'demo requested'), true],
  ])('%s', (_name, filter, expected) => {
    expect(holds(filter)).toBe(expected);
  });
});

describe('rules that cannot be evaluated are false, whatever the operator', () => {
  it.each<FilterRule>([
    rule('event.properties.plan', 'eq'),
    rule('event.properties.plan', 'neq'),
    rule('event.properties.plan', 'notIn', 'pro'),
    rule('event.properties.plan', 'notIn', []),
    rule('event.properties.plan', 'notContains', ''),
    rule('event.properties.seats', 'gt', 'many'),
    rule('', 'notExists'),
    { property: 'event.properties.plan', operator: 'nope' as FilterOperator, value: 'x' },
  ])('%j', (filter) => {
    expect(holds(filter)).toBe(false);
  });
});

describe('groups', () => {
  const yes = rule('event.properties.plan', 'eq', 'pro');
  const no = rule('event.properties.plan', 'eq', 'free');

  it('all needs every entry; any needs one', () => {
    expect(holds({ all: [yes, yes] })).toBe(true);
    expect(holds({ all: [yes, no] })).toBe(false);
    expect(holds({ any: [no, yes] })).toBe(true);
    expect(holds({ any: [no, no] })).toBe(false);
  });

  it('an empty all is true and an empty any is false', () => {
    expect(holds({ all: [] })).toBe(true);
    expect(holds({ any: [] })).toBe(false);
  });

  it('nests', () => {
    expect(holds({ all: [yes, { any: [no, { all: [yes, rule('account.traits.employees', 'gte', 200)] }] }] })).toBe(true);
    expect(holds({ all: [yes, { any: [no, { all: [no] }] }] })).toBe(false);
  });

  it('refuses a filter nested deeper than it will ever be from a valid playbook', () => {
    let deep: Filter = yes;
    for (let level = 0; level < 100; level += 1) deep = { all: [deep] };
    expect(() => holds(deep)).toThrow('filter is nested deeper than 64 levels');
  });

  it('treats a malformed group as false instead of crashing', () => {
    expect(holds({ all: 'nope' } as unknown as Filter)).toBe(false);
  });
});

describe('hostile property paths never reach prototypes', () => {
  it.each([
    '__proto__',
    'event.__proto__',
    'event.properties.__proto__.polluted',
    'constructor',
    'event.constructor.name',
    'person.traits.constructor',
    'person.prototype',
    'event.properties.toString',
    'event.properties.hasOwnProperty',
    'person.traits.email.length',
    'event.properties.tags.length.constructor',
  ])('%s reads as missing', (path) => {
    expect(readPropertyPath(context, path)).toBeUndefined();
    expect(holds(rule(path, 'exists'))).toBe(false);
    expect(holds(rule(path, 'notExists'))).toBe(true);
  });

  it('does not read inherited properties even from an object with a custom prototype', () => {
    const inherited = Object.create({ secret: 'from-prototype' }) as Record<string, unknown>;
    const hostile = { person: { id: 'x', traits: inherited } } as EvaluationContext;
    expect(readPropertyPath(hostile, 'person.traits.secret')).toBeUndefined();
    expect(evaluateFilter(rule('person.traits.secret', 'eq', 'from-prototype'), hostile)).toBe(false);
  });

  it('reads an own property literally named like a prototype member when it is not refused', () => {
    const data = { event: { name: 'x', properties: { valueOf: 'mine' } } } as EvaluationContext;
    expect(readPropertyPath(data, 'event.properties.valueOf')).toBe('mine');
  });

  it('does not pollute Object.prototype when evaluating JSON with a __proto__ key', () => {
    const parsed = JSON.parse('{"event":{"name":"x","properties":{"__proto__":{"polluted":"yes"}}}}') as EvaluationContext;
    expect(holds(rule('event.properties.__proto__.polluted', 'eq', 'yes'))).toBe(false);
    expect(evaluateFilter(rule('event.properties.__proto__.polluted', 'eq', 'yes'), parsed)).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses empty path segments', () => {
    expect(readPropertyPath(context, 'person..traits')).toBeUndefined();
    expect(readPropertyPath(context, '')).toBeUndefined();
  });
});
