import { renderInput } from './render-input';
import { renderTemplate } from './render-template';
import { TemplateError } from './template-error';

const context = { person: { traits: { firstName: '<b onclick="x()">Ann</b>', company: 'Tom & Jerry\'s', safe: 'Ann' } } };

describe('HTML escaping of template output', () => {
  it("escapes every {{ }} output with escape: 'html' and leaves the template's own markup alone", () => {
    expect(renderTemplate('<p>Hi {{ person.traits.firstName }}</p>', context, { escape: 'html' })).toBe(
      '<p>Hi &lt;b onclick=&#34;x()&#34;&gt;Ann&lt;/b&gt;</p>',
    );
    expect(renderTemplate('<a title="{{ person.traits.company }}">x</a>', context, { escape: 'html' })).toBe(
      '<a title="Tom &amp; Jerry&#39;s">x</a>',
    );
  });

  it('does not escape twice what a template already escapes, and lets | raw insert markup on purpose', () => {
    expect(renderTemplate('{{ person.traits.company | escape }}', context, { escape: 'html' })).toBe('Tom &amp; Jerry&#39;s');
    expect(renderTemplate('{{ person.traits.firstName | raw }}', context, { escape: 'html' })).toBe('<b onclick="x()">Ann</b>');
  });

  it('is off by default (text fields keep what they are given)', () => {
    expect(renderTemplate('Hi {{ person.traits.firstName }}', context)).toBe('Hi <b onclick="x()">Ann</b>');
  });

  it('renderInput escapes only the fields named as HTML, however deep their strings are', () => {
    const rendered = renderInput(
      {
        subject: 'Hi {{ person.traits.firstName }}',
        text: 'Hi {{ person.traits.firstName }}',
        html: '<p>Hi {{ person.traits.firstName }}</p>',
        alternatives: { html: ['<i>{{ person.traits.safe }} {{ person.traits.company }}</i>'] },
      },
      context,
      undefined,
      { htmlFields: ['html'] },
    );
    expect(rendered).toEqual({
      subject: 'Hi <b onclick="x()">Ann</b>',
      text: 'Hi <b onclick="x()">Ann</b>',
      html: '<p>Hi &lt;b onclick=&#34;x()&#34;&gt;Ann&lt;/b&gt;</p>',
      // Only top-level fields are named; a nested "html" key is not the html body.
      alternatives: { html: ['<i>Ann Tom & Jerry\'s</i>'] },
    });
    expect(renderInput({ parts: ['{{ person.traits.company }}'] }, context, undefined, { htmlFields: ['parts'] })).toEqual({
      parts: ['Tom &amp; Jerry&#39;s'],
    });
  });

  it('applies the limits to HTML fields like any other, naming the field', () => {
    const huge = '{% for i in (1..200) %}<p>{{ person.traits.company }}</p>{% endfor %}';
    expect(() => renderInput({ html: huge }, context, { maxOutputLength: 1000, renderTimeMs: 5000, inputRenderTimeMs: 5000 }, { htmlFields: ['html'] })).toThrow(
      new TemplateError({ reason: 'limit', detail: 'the output is longer than 1000 characters' }, 'html'),
    );
  });
});
