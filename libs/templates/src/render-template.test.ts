import { renderTemplate } from './render-template';
import { TemplateError } from './template-error';

const context = {
  event: { name: 'Demo Requested', properties: { plan: 'pro', seats: 12, tags: ['beta', 'sso'] } },
  person: { id: 'p1', traits: { email: 'ada@example.com', firstName: 'Ada' } },
  account: { id: 'a1', traits: { name: 'Acme', employees: 250 } },
};

const failureOf = (run: () => unknown): TemplateError => {
  try {
    run();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw new Error(`expected a TemplateError, got ${String(error)}`);
  }
  throw new Error('expected a TemplateError, but the template rendered');
};

describe('renderTemplate', () => {
  it('renders variables, filters, conditions and loops from the context', () => {
    expect(renderTemplate('Hi {{ person.traits.firstName }}', context)).toBe('Hi Ada');
    expect(renderTemplate('{{ person.traits.firstName | upcase }} at {{ account.traits.name }}', context)).toBe('ADA at Acme');
    expect(renderTemplate('{% if account.traits.employees >= 200 %}big{% else %}small{% endif %}', context)).toBe('big');
    expect(renderTemplate('{% for tag in event.properties.tags %}[{{ tag }}]{% endfor %}', context)).toBe('[beta][sso]');
    expect(renderTemplate('{{ event.properties.seats | plus: 3 }} seats', context)).toBe('15 seats');
  });

  it('renders missing variables as empty text, and default fills them in', () => {
    expect(renderTemplate('Hi {{ person.traits.lastName }}!', context)).toBe('Hi !');
    expect(renderTemplate('{{ nothing.at.all }}', {})).toBe('');
    expect(renderTemplate('Hi {{ person.traits.nickname | default: "there" }}', context)).toBe('Hi there');
  });

  it('leaves text without Liquid as it is', () => {
    expect(renderTemplate('Plain text, 100% <b>as is</b> & more', context)).toBe('Plain text, 100% <b>as is</b> & more');
  });

  it('formats dates in UTC whatever the server time zone', () => {
    expect(renderTemplate('{{ "2025-03-01T23:30:00Z" | date: "%Y-%m-%d %H:%M" }}', {})).toBe('2025-03-01 23:30');
  });

  describe('hostile templates never reach prototypes', () => {
    it.each([
      '{{ constructor }}',
      '{{ constructor.name }}',
      '{{ person.constructor }}',
      '{{ person.__proto__ }}',
      '{{ person.traits.__proto__.constructor }}',
      '{{ person["__proto__"] }}',
      '{{ event.properties.tags.constructor.name }}',
      '{{ person.traits.firstName.constructor }}',
      '{{ toString }}',
      '{{ person.hasOwnProperty }}',
      '{{ __proto__ }}',
      '{% assign c = person.constructor %}{{ c.constructor }}',
    ])('%s renders empty', (source) => {
      expect(renderTemplate(source, context)).toBe('');
    });

    it('does not read properties inherited by the context', () => {
      const inherited = Object.create({ secret: 'from-prototype' }) as object;
      expect(renderTemplate('{{ secret }}', inherited)).toBe('');
      expect(renderTemplate('{{ person.secret }}', { person: inherited })).toBe('');
    });

    it('cannot pollute Object.prototype', () => {
      renderTemplate('{% assign __proto__ = "x" %}{% assign constructor = "y" %}{{ __proto__ }}', {});
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    });

    it('increment / decrement neither print a prototype nor change the context (found by the hostile-template drill)', () => {
      expect(renderTemplate('{% increment __proto__ %}{% increment __proto__ %}{% decrement constructor %}', context)).toBe('01-1');
      const shared = { person: { traits: { firstName: 'Ada' } } };
      expect(renderTemplate('{% increment person %}', shared)).toBe('0');
      expect(renderTemplate('{{ person.traits.firstName }}', shared)).toBe('Ada');
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    });

    it.each(['{% include "secrets.txt" %}', '{% render "/etc/passwd" %}', '{% layout "base" %}{% block x %}{% endblock %}'])(
      'has no file access: %s is a parse error',
      (source) => {
        const failure = failureOf(() => renderTemplate(source, {}, { field: 'body' }));
        expect(failure.reason).toBe('parse');
        expect(failure.message).toMatch(/^template "body" could not be parsed: tag "(include|render|layout)" not found \(line 1, column 1\)$/);
      },
    );

    it('refuses unknown filters instead of skipping them', () => {
      const failure = failureOf(() => renderTemplate('Hi\n{{ person.traits.firstName | shout }}', context, { field: 'subject' }));
      expect(failure.message).toBe('template "subject" could not be parsed: undefined filter: shout (line 2, column 1)');
      expect(failure).toMatchObject({ field: 'subject', reason: 'parse', line: 2, column: 1 });
    });
  });

  describe('limits', () => {
    it('stops a huge range at the memory limit', () => {
      const failure = failureOf(() => renderTemplate('{% for i in (1..100000000) %}x{% endfor %}', {}));
      expect(failure.reason).toBe('limit');
      expect(failure.message).toMatch(/^template hit a limit: memory alloc limit exceeded/);
    });

    it('stops nested loops at the time limit', () => {
      const started = Date.now();
      const failure = failureOf(() =>
        renderTemplate('{% for i in (1..1000) %}{% for j in (1..1000) %}{% for k in (1..1000) %}x{% endfor %}{% endfor %}{% endfor %}', {}, { renderTimeMs: 50 }),
      );
      expect(failure.reason).toBe('limit');
      expect(failure.message).toMatch(/template render limit exceeded/);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('stops a string doubled until it is huge', () => {
      const failure = failureOf(() =>
        renderTemplate('{% assign s = "xxxxxxxxxx" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}', {}),
      );
      expect(failure.reason).toBe('limit');
    });

    it('refuses output longer than the limit', () => {
      const failure = failureOf(() => renderTemplate('{% for i in (1..50) %}xxxxxxxxxx{% endfor %}', {}, { maxOutputLength: 100 }));
      expect(failure.message).toBe('template hit a limit: the output is longer than 100 characters');
      expect(renderTemplate('{% for i in (1..10) %}xxxxxxxxxx{% endfor %}', {}, { maxOutputLength: 100 })).toHaveLength(100);
    });

    it('refuses source longer than the limit', () => {
      const failure = failureOf(() => renderTemplate('x'.repeat(101), {}, { maxSourceLength: 100, field: 'text' }));
      expect(failure.message).toBe('template "text" hit a limit: the template is longer than 100 characters');
      expect(renderTemplate('x'.repeat(100), {}, { maxSourceLength: 100 })).toHaveLength(100);
    });

    it('refuses deeply nested tags with a clear message', () => {
      const source = '{% if a %}'.repeat(20_000) + '{% endif %}'.repeat(20_000);
      const failure = failureOf(() => renderTemplate(source, { a: true }));
      expect(failure.reason).toBe('limit');
      expect(failure.message).toMatch(/^template hit a limit: the template is nested too deeply/);
    });

    it('ordinary templates stay well inside the default limits', () => {
      expect(renderTemplate('{% for i in (1..1000) %}{{ i }},{% endfor %}', {})).toHaveLength(3893);
    });
  });

  it('names bad syntax', () => {
    expect(failureOf(() => renderTemplate('{{ person.traits.firstName', context)).message).toBe(
      'template could not be parsed: output "{{ person.traits.firstName" not closed (line 1, column 1)',
    );
    expect(failureOf(() => renderTemplate('{% if %}x{% endif %}', context)).reason).toBe('parse');
    expect(failureOf(() => renderTemplate(42 as unknown as string, context)).message).toBe('template could not be parsed: a template must be text, got number');
  });

  it('reports errors raised while rendering', () => {
    // find_exp parses its expression only when it runs
    const failure = failureOf(() => renderTemplate('{{ items | find_exp: "item", "!!" }}', { items: [1] }, { field: 'body' }));
    expect(failure.reason).toBe('render');
    expect(failure.message).toBe('template "body" failed to render: invalid value expression: "!!" (line 1, column 1)');
  });
});
