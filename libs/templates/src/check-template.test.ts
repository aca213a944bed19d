import { checkInputTemplates, checkTemplate } from './check-template';

describe('checkTemplate', () => {
  it('finds nothing wrong with a good template', () => {
    expect(checkTemplate('Hi {{ person.traits.firstName | default: "there" }}{% if x %}!{% endif %}')).toEqual([]);
    expect(checkTemplate('no liquid at all')).toEqual([]);
  });

  it('reports parse errors with their position', () => {
    expect(checkTemplate('Hi\n  {{ name | shout }}')).toEqual([{ message: 'undefined filter: shout', line: 2, column: 3 }]);
    expect(checkTemplate('{% if a %}open')).toEqual([{ message: 'tag {% if a %} not closed', line: 1, column: 1 }]);
    expect(checkTemplate('{% include "x" %}')).toEqual([{ message: 'tag "include" not found', line: 1, column: 1 }]);
  });

  it('reports too-long and non-text templates', () => {
    expect(checkTemplate('x'.repeat(11), 10)).toEqual([{ message: 'the template is longer than 10 characters' }]);
    expect(checkTemplate({} as unknown as string)).toEqual([{ message: 'a template must be text, got object' }]);
  });

  it('does not render (a loop that would hit the limits parses fine)', () => {
    expect(checkTemplate('{% for i in (1..100000000) %}x{% endfor %}')).toEqual([]);
  });
});

describe('checkInputTemplates', () => {
  it('names each failing field', () => {
    expect(
      checkInputTemplates({
        to: '{{ person.traits.email }}',
        subject: '{{ oops',
        cc: ['ok', '{{ a | nope }}'],
        headers: { 'X-Id': '{% endif %}' },
        count: 3,
      }),
    ).toEqual([
      { field: 'subject', message: 'output "{{ oops" not closed', line: 1, column: 1 },
      { field: 'cc[1]', message: 'undefined filter: nope', line: 1, column: 1 },
      { field: 'headers.X-Id', message: 'tag "endif" not found', line: 1, column: 1 },
    ]);
  });

  it('stops at the depth limit', () => {
    expect(checkInputTemplates({ a: { b: { c: 'x' } } }, 2)).toEqual([{ field: 'a.b', message: 'inputs are nested deeper than 2 levels' }]);
  });
});
