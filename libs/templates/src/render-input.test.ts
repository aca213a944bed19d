import { renderInput } from './render-input';
import { TemplateError } from './template-error';

const context = { person: { id: 'p1', traits: { email: 'ada@example.com', firstName: 'Ada' } }, account: { id: 'a1', traits: { name: 'Acme' } } };

describe('renderInput', () => {
  it('renders every string deeply and leaves other values unchanged', () => {
    const when = new Date('2025-01-01T00:00:00Z');
    const input = {
      to: '{{ person.traits.email }}',
      cc: ['{{ person.traits.firstName | downcase }}@example.com', 'fixed@example.com'],
      subject: 'Hi {{ person.traits.firstName }}',
      priority: 3,
      urgent: false,
      note: null,
      missing: undefined,
      meta: { company: '{{ account.traits.name }}', nested: [{ deep: '{{ person.id }}' }, 7] },
      when,
    };
    expect(renderInput(input, context)).toEqual({
      to: 'ada@example.com',
      cc: ['ada@example.com', 'fixed@example.com'],
      subject: 'Hi Ada',
      priority: 3,
      urgent: false,
      note: null,
      missing: undefined,
      meta: { company: 'Acme', nested: [{ deep: 'p1' }, 7] },
      when,
    });
    expect(renderInput(input, context)['when']).toBe(when);
  });

  it('does not change the input it was given', () => {
    const input = { subject: 'Hi {{ person.traits.firstName }}', list: ['{{ person.id }}'] };
    const copy = structuredClone(input);
    renderInput(input, context);
    expect(input).toEqual(copy);
  });

  it('keeps a "__proto__" key as data, never as a prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "{{ person.id }}"}, "a": "x"}') as Record<string, unknown>;
    const output = renderInput(input, context);
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(output, '__proto__')).toBe(true);
    expect((output as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(output, '__proto__')?.value).toEqual({ polluted: 'p1' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('names the field that failed, however deep', () => {
    const input = { subject: 'ok', to: ['{{ person.traits.email }}', '{{ person.traits.email | nope }}'] };
    expect(() => renderInput(input, context)).toThrow(new TemplateError({ reason: 'parse', detail: 'undefined filter: nope', line: 1, column: 1 }, 'to[1]'));
    expect(() => renderInput(input, context)).toThrow('template "to[1]" could not be parsed: undefined filter: nope (line 1, column 1)');
    expect(() => renderInput({ headers: { 'X-Tag': '{% if %}' } }, context)).toThrow(/^template "headers.X-Tag" could not be parsed/);
  });

  it('refuses inputs nested too deeply', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 40; level += 1) deep = { next: deep };
    expect(() => renderInput({ deep }, context)).toThrow(/hit a limit: inputs are nested deeper than 32 levels$/);
  });

  it('bounds the time of all fields together', () => {
    const slow = '{% for i in (1..1000) %}{% for j in (1..1000) %}{% endfor %}{% endfor %}';
    const input = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`f${index}`, slow]));
    const started = Date.now();
    let failure: unknown;
    try {
      renderInput(input, context, { renderTimeMs: 1000, inputRenderTimeMs: 200 });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(TemplateError);
    expect((failure as TemplateError).reason).toBe('limit');
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
