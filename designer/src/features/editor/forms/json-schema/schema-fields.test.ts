import { CONNECTOR_CATALOGUE } from '../../inspector/test-support/catalogue';
import { fieldOf, fieldsOf, humanise } from './schema-fields';
import { itemProblems, valueProblem } from './value-problems';

const schemaOf = (connector: string, action: string) =>
  CONNECTOR_CATALOGUE.find((entry) => entry.name === connector)!.actions.find((entry) => entry.name === action)!.inputSchema;

describe('fieldsOf: the connectors’ real input schemas as form fields', () => {
  it('reads email.send: recipients as one address or a list, required subject and to, long text as textareas', () => {
    const fields = fieldsOf(schemaOf('email', 'send'));
    expect(fields.map((field) => [field.name, field.kind, field.required])).toEqual([
      ['to', 'stringOrList', true],
      ['subject', 'text', true],
      ['text', 'text', false],
      ['html', 'text', false],
      ['from', 'text', false],
      ['replyTo', 'text', false],
      ['cc', 'stringOrList', false],
      ['bcc', 'stringOrList', false],
    ]);
    const byName = Object.fromEntries(fields.map((field) => [field.name, field]));
    expect(byName['to']!.item).toMatchObject({ kind: 'text', format: 'email' });
    expect(byName['to']!.minItems).toBe(1);
    expect(byName['subject']).toMatchObject({ label: 'Subject', minLength: 1, maxLength: 998 });
    expect(byName['subject']!.multiline).toBeUndefined();
    expect(byName['text']!.multiline).toBe(true);
    expect(byName['html']).toMatchObject({ label: 'HTML', multiline: true });
    expect(byName['replyTo']).toMatchObject({ label: 'Reply to', format: 'email' });
  });

  it('reads enums with defaults, bounded integers, maps of values, and falls back to JSON for the rest', () => {
    const task = Object.fromEntries(fieldsOf(schemaOf('hubspot', 'createTask')).map((field) => [field.name, field]));
    expect(task['priority']).toMatchObject({ kind: 'enum', options: ['LOW', 'MEDIUM', 'HIGH'], required: false });
    expect(task['taskType']).toMatchObject({ kind: 'enum', default: 'TODO' });
    expect(task['dueInDays']).toMatchObject({ kind: 'integer', minimum: 0, maximum: 365, default: 1, label: 'Due in days' });
    expect(task['contactId']).toMatchObject({ kind: 'text', pattern: '^\\d+$', label: 'Contact ID' });

    const update = fieldsOf(schemaOf('hubspot', 'updateContactProperties'));
    expect(update.find((field) => field.name === 'properties')).toMatchObject({ kind: 'map', required: true });

    const webhook = Object.fromEntries(fieldsOf(schemaOf('webhook', 'send')).map((field) => [field.name, field]));
    expect(webhook['url']).toMatchObject({ kind: 'text', format: 'uri' });
    expect(webhook['body']!.kind).toBe('json'); // a recursive $ref: any JSON
    expect(webhook['headers']!.kind).toBe('map');

    const slack = Object.fromEntries(fieldsOf(schemaOf('slack', 'postMessage')).map((field) => [field.name, field]));
    expect(slack['blocks']!.kind).toBe('json'); // a list of objects
    expect(slack['threadTs']!.label).toBe('Thread timestamp');
  });

  it('reads nested objects, lists of text, booleans, nullable types and titles', () => {
    const fields = fieldsOf({
      type: 'object',
      properties: {
        owner: {
          type: 'object',
          title: 'Owner',
          properties: { email: { type: 'string', format: 'email' }, name: { type: 'string' } },
          required: ['email'],
        },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
        notify: { type: 'boolean', description: 'Tell the owner' },
        note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
        amount: { type: ['number', 'null'], exclusiveMinimum: 0 },
        anything: {},
      },
      required: ['owner'],
    });
    expect(fields.map((field) => [field.name, field.kind])).toEqual([
      ['owner', 'object'],
      ['tags', 'stringList'],
      ['notify', 'boolean'],
      ['note', 'text'],
      ['amount', 'number'],
      ['anything', 'json'],
    ]);
    expect(fields[0]!.fields!.map((field) => [field.name, field.required])).toEqual([
      ['email', true],
      ['name', false],
    ]);
    expect(fields[1]).toMatchObject({ maxItems: 3, item: { kind: 'text' } });
    expect(fields[2]).toMatchObject({ description: 'Tell the owner' });
    expect(fields[4]).toMatchObject({ minimum: 0 });
  });

  it('names fields for people', () => {
    expect(humanise('dueInDays')).toBe('Due in days');
    expect(humanise('webhook_url')).toBe('Webhook URL');
    expect(humanise('cc')).toBe('Cc');
  });
});

describe('valueProblem', () => {
  const email = fieldsOf(schemaOf('email', 'send'));
  const to = email.find((field) => field.name === 'to')!;
  const subject = email.find((field) => field.name === 'subject')!;

  it('asks for required values and leaves optional ones alone', () => {
    expect(valueProblem(subject, undefined)).toBe('required');
    expect(valueProblem(subject, '')).toBe('required');
    expect(valueProblem({ ...subject, required: false }, undefined)).toBeUndefined();
  });

  it('checks formats and patterns of plain values, and only the Liquid syntax of templates', () => {
    expect(valueProblem(to, 'not-an-address')).toMatch(/email address/);
    expect(valueProblem(to, 'ada@example.com')).toBeUndefined();
    expect(valueProblem(to, '{{ person.traits.email }}')).toBeUndefined();
    expect(valueProblem(to, '{{ person.traits.email | nope }}')).toBe('template: undefined filter: nope (line 1, column 1)');
    expect(itemProblems(to, ['ada@example.com', 'bad'])).toEqual([undefined, expect.stringMatching(/email address/)]);
    const url = fieldOf('url', { type: 'string', format: 'uri' }, true);
    expect(valueProblem(url, 'ftp://example.com')).toBe('must be an http(s) URL');
    expect(valueProblem(url, 'https://hooks.example.com/in')).toBeUndefined();
    const id = fieldOf('contactId', { type: 'string', pattern: '^\\d+$' }, false);
    expect(valueProblem(id, 'abc')).toMatch(/expected form/);
    expect(valueProblem(id, '123')).toBeUndefined();
  });

  it('checks enums and number ranges', () => {
    const priority = fieldOf('priority', { type: 'string', enum: ['LOW', 'HIGH'] }, false);
    expect(valueProblem(priority, 'URGENT')).toBe('must be one of LOW, HIGH');
    const days = fieldOf('days', { type: 'integer', minimum: 0, maximum: 365 }, false);
    expect(valueProblem(days, 1.5)).toBe('must be a whole number');
    expect(valueProblem(days, 400)).toBe('must be at most 365');
    expect(valueProblem(days, 3)).toBeUndefined();
  });
});
