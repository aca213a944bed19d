import { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CONNECTOR_CATALOGUE } from '../../inspector/test-support/catalogue';
import { SchemaForm } from './SchemaForm';

const schemaOf = (connector: string, action: string) =>
  CONNECTOR_CATALOGUE.find((entry) => entry.name === connector)!.actions.find((entry) => entry.name === action)!.inputSchema;

/** The form over a value it owns, reporting every change (as the action panel sends them to the store). */
function Harness({ schema, initial, changes, htmlFields }: { schema: unknown; initial: Record<string, unknown>; changes: [Record<string, unknown>, string][]; htmlFields?: string[] }) {
  const [value, setValue] = useState(initial);
  return (
    <SchemaForm
      schema={schema}
      value={value}
      htmlFields={htmlFields}
      onChange={(next, field) => {
        changes.push([next, field]);
        setValue(next);
      }}
    />
  );
}

function setup(schema: unknown, initial: Record<string, unknown> = {}, htmlFields?: string[]) {
  const changes: [Record<string, unknown>, string][] = [];
  const user = userEvent.setup();
  render(<Harness schema={schema} initial={initial} changes={changes} htmlFields={htmlFields} />);
  const last = () => changes.at(-1)?.[0];
  return { user, changes, last };
}

describe('SchemaForm', () => {
  it('marks required inputs, and says what a required input still needs', () => {
    setup(schemaOf('email', 'send'), { to: '{{ person.traits.email }}' });
    const subject = screen.getByRole('textbox', { name: /^Subject/ }) as HTMLInputElement;
    const text = screen.getByRole('textbox', { name: /^Text/ }) as HTMLTextAreaElement;
    expect(subject.required).toBe(true);
    expect(text.required).toBe(false);
    expect(subject.closest('.field')!.querySelector('.required-mark')).not.toBeNull();
    expect(text.closest('.field')!.querySelector('.required-mark')).toBeNull();
    expect(subject.getAttribute('aria-invalid')).toBe('true');
    expect(subject.closest('.field')!.textContent).toContain('required');
    expect(text.tagName).toBe('TEXTAREA'); // long text gets a textarea
  });

  it('writes typed text, and removes an input that is cleared', async () => {
    const { user, last, changes } = setup(schemaOf('email', 'send'), { to: 'ada@example.com' });
    await user.type(screen.getByRole('textbox', { name: /^Subject/ }), 'Hi');
    expect(last()).toEqual({ to: 'ada@example.com', subject: 'Hi' });
    expect(changes.at(-1)![1]).toBe('subject');
    await user.clear(screen.getByRole('textbox', { name: /^Subject/ }));
    expect(last()).toEqual({ to: 'ada@example.com' });
  });

  it('offers an enum as a choice, with its default as the empty entry, and writes the chosen value', async () => {
    const { user, last } = setup(schemaOf('hubspot', 'createTask'), { subject: 'Call' });
    const priority = screen.getByRole('combobox', { name: 'Priority' }) as HTMLSelectElement;
    expect([...priority.options].map((option) => option.textContent)).toEqual(['(not set)', 'LOW', 'MEDIUM', 'HIGH']);
    const taskType = screen.getByRole('combobox', { name: 'Task type' }) as HTMLSelectElement;
    expect(taskType.options[0]!.textContent).toBe('(default: TODO)');
    await user.selectOptions(priority, 'HIGH');
    expect(last()).toEqual({ subject: 'Call', priority: 'HIGH' });
    await user.selectOptions(priority, '(not set)');
    expect(last()).toEqual({ subject: 'Call' });
  });

  it('edits integers within their range, as numbers', async () => {
    const { user, last } = setup(schemaOf('hubspot', 'createTask'), { subject: 'Call' });
    const due = screen.getByRole('textbox', { name: /^Due in days/ });
    await user.type(due, '400');
    expect(screen.getByText('must be at most 365')).toBeTruthy();
    expect(last()).toEqual({ subject: 'Call', dueInDays: 40 }); // 400 was never written
    await user.clear(due);
    await user.type(due, '3');
    expect(last()).toEqual({ subject: 'Call', dueInDays: 3 });
  });

  it('edits nested objects field by field, and drops an object whose fields are all cleared', async () => {
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string' },
        owner: {
          type: 'object',
          title: 'Owner',
          properties: { email: { type: 'string', format: 'email' }, team: { type: 'string', enum: ['sales', 'success'] } },
          required: ['email'],
        },
      },
    };
    const { user, last, changes } = setup(schema, { title: 'x' });
    const owner = screen.getByRole('group', { name: 'Owner' });
    const email = within(owner).getByRole('textbox', { name: /^Email/ }) as HTMLInputElement;
    expect(email.required).toBe(true);
    await user.type(email, 'a@b.co');
    expect(last()).toEqual({ title: 'x', owner: { email: 'a@b.co' } });
    expect(changes.at(-1)![1]).toBe('owner.email');
    await user.selectOptions(within(owner).getByRole('combobox', { name: 'Team' }), 'success');
    expect(last()).toEqual({ title: 'x', owner: { email: 'a@b.co', team: 'success' } });
    await user.selectOptions(within(owner).getByRole('combobox', { name: 'Team' }), '(not set)');
    await user.clear(email);
    expect(last()).toEqual({ title: 'x' });
  });

  it('turns one recipient into a list and back', async () => {
    const { user, last } = setup(schemaOf('email', 'send'), { to: 'ada@example.com', subject: 'Hi' });
    await user.click(screen.getByRole('button', { name: 'Add another to' }));
    expect(last()).toEqual({ to: ['ada@example.com', ''], subject: 'Hi' });
    await user.type(screen.getByRole('textbox', { name: 'To 2' }), 'bo@example.com');
    expect(last()).toEqual({ to: ['ada@example.com', 'bo@example.com'], subject: 'Hi' });
    await user.click(screen.getByRole('button', { name: 'Remove to 1' }));
    expect(last()).toEqual({ to: 'bo@example.com', subject: 'Hi' });
  });

  it('checks formats of plain values but lets templates through', async () => {
    const { user } = setup(schemaOf('email', 'send'), { subject: 'Hi' });
    const to = screen.getByRole('textbox', { name: /^To/ });
    await user.type(to, 'nobody');
    expect(to.closest('.field')!.textContent).toContain('must be an email address');
    await user.clear(to);
    await user.type(to, '{{{{ person.traits.email }}');
    expect(to.getAttribute('aria-invalid')).toBeNull();
  });

  it('edits maps as name / value rows', async () => {
    const { user, last } = setup(schemaOf('hubspot', 'updateContactProperties'), { contactId: '1', properties: { lifecyclestage: 'lead' } });
    const properties = screen.getByRole('group', { name: /^Properties/ });
    await user.click(within(properties).getByRole('button', { name: 'Add property' }));
    await user.type(within(properties).getByRole('textbox', { name: 'Property 2' }), 'hs_lead_status');
    await user.type(within(properties).getByRole('textbox', { name: 'Value 2' }), 'OPEN');
    expect(last()).toEqual({ contactId: '1', properties: { lifecyclestage: 'lead', hs_lead_status: 'OPEN' } });
  });

  it('edits what it cannot render as a control as JSON, and lists inputs the schema does not know', async () => {
    const { user, last } = setup(schemaOf('webhook', 'send'), { body: { a: 1 }, legacy: 'x' });
    const body = screen.getByRole('textbox', { name: /^Body \(JSON\)/ }) as HTMLTextAreaElement;
    expect(JSON.parse(body.value)).toEqual({ a: 1 });
    await user.click(screen.getByRole('button', { name: 'Remove input legacy' }));
    expect(last()).toEqual({ body: { a: 1 } });
  });

  it('previews templated inputs, escaping values in HTML inputs', () => {
    setup(schemaOf('email', 'send'), { to: 'a@b.co', subject: 'Hi {{ person.traits.firstName }}', html: '<p>{{ account.traits.name }} {{ "<b>" }}</p>', text: '{{ "<b>" }}' }, ['html']);
    expect(screen.getByRole('region', { name: 'Preview of Subject' }).textContent).toContain('Hi Maya');
    expect(screen.getByRole('region', { name: 'Preview of HTML' }).textContent).toContain('<p>Northwind Analytics &lt;b&gt;</p>');
    expect(screen.getByRole('region', { name: 'Preview of Text' }).textContent).toContain('<b>');
    expect(document.querySelector('.template-preview b')).toBeNull(); // shown as text, never as markup
  });
});
