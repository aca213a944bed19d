import { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Filter } from '@tripline/playbook';
import { ConditionBuilder } from './ConditionBuilder';

function Harness({ initial, optional, changes }: { initial: Filter | undefined; optional: boolean; changes: (Filter | undefined)[] }) {
  const [filter, setFilter] = useState(initial);
  return (
    <ConditionBuilder
      label="Yes when"
      value={filter}
      optional={optional}
      suggestions={['account.traits.plan']}
      onChange={(next) => {
        changes.push(next);
        setFilter(next);
      }}
    />
  );
}

function setup(initial: Filter | undefined, optional = false) {
  const changes: (Filter | undefined)[] = [];
  const user = userEvent.setup();
  render(<Harness initial={initial} optional={optional} changes={changes} />);
  return { user, last: () => changes.at(-1), changes };
}

const rule = (name: string) => screen.getByRole('group', { name });

describe('ConditionBuilder', () => {
  it('adds a rule to an empty optional filter and produces the bare rule', async () => {
    const { user, last } = setup(undefined, true);
    expect(screen.getByText('No filter.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(last()).toEqual({ property: '', operator: 'eq', value: '' });
    await user.type(within(rule('Rule 1')).getByRole('combobox', { name: 'Property' }), 'account.traits.plan');
    await user.type(within(rule('Rule 1')).getByRole('textbox', { name: 'Value' }), 'pro');
    expect(last()).toEqual({ property: 'account.traits.plan', operator: 'eq', value: 'pro' });
  });

  it('changes the value input with the operator: none for "is known", a list for "is any of", a number when typed so', async () => {
    const { user, last } = setup({ property: 'account.traits.plan', operator: 'eq', value: 'pro' });
    const first = rule('Rule 1');
    const operator = within(first).getByRole('combobox', { name: 'Operator' });

    await user.selectOptions(operator, 'is known');
    expect(last()).toEqual({ property: 'account.traits.plan', operator: 'exists' });
    expect(within(first).queryByRole('textbox', { name: 'Value' })).toBeNull();
    expect(within(first).queryByRole('combobox', { name: 'Value type' })).toBeNull();

    await user.selectOptions(operator, 'is any of');
    expect(last()).toEqual({ property: 'account.traits.plan', operator: 'in', value: [] });
    const values = within(first).getByRole('textbox', { name: 'Values (one per line)' });
    await user.type(values, 'pro{Enter}enterprise');
    expect(last()).toEqual({ property: 'account.traits.plan', operator: 'in', value: ['pro', 'enterprise'] });

    await user.selectOptions(operator, 'is greater than or equal to');
    expect(last()).toEqual({ property: 'account.traits.plan', operator: 'gte', value: 'pro' });
    expect(within(first).getByRole('textbox', { name: 'Value' })).toBeTruthy();
    await user.selectOptions(within(first).getByRole('combobox', { name: 'Value type' }), 'Number');
    const value = within(first).getByRole('textbox', { name: 'Value' });
    await user.clear(value);
    await user.type(value, '25');
    expect(last()).toEqual({ property: 'account.traits.plan', operator: 'gte', value: 25 });
  });

  it('wraps a bare rule in an AND group when a rule is added, and builds a nested OR group', async () => {
    const { user, last } = setup({ property: 'person.traits.email', operator: 'exists' });
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(last()).toEqual({ all: [{ property: 'person.traits.email', operator: 'exists' }, { property: '', operator: 'eq', value: '' }] });
    await user.type(within(rule('Rule 2')).getByRole('combobox', { name: 'Property' }), 'account.traits.seats');
    await user.selectOptions(within(rule('Rule 2')).getByRole('combobox', { name: 'Operator' }), 'is greater than');
    await user.selectOptions(within(rule('Rule 2')).getByRole('combobox', { name: 'Value type' }), 'Number');
    await user.clear(within(rule('Rule 2')).getByRole('textbox', { name: 'Value' }));
    await user.type(within(rule('Rule 2')).getByRole('textbox', { name: 'Value' }), '10');

    await user.click(screen.getByRole('button', { name: 'Add group' }));
    const group = screen.getByRole('group', { name: 'Group 3' });
    expect((within(group).getByRole('combobox', { name: 'Match (group 3)' }) as HTMLSelectElement).value).toBe('any');
    await user.type(within(rule('Rule 3.1')).getByRole('combobox', { name: 'Property' }), 'account.traits.plan');
    await user.type(within(rule('Rule 3.1')).getByRole('textbox', { name: 'Value' }), 'pro');
    await user.click(within(group).getByRole('button', { name: 'Add rule to group 3' }));
    await user.type(within(rule('Rule 3.2')).getByRole('combobox', { name: 'Property' }), 'event.properties.plan');
    await user.selectOptions(within(rule('Rule 3.2')).getByRole('combobox', { name: 'Operator' }), 'starts with');
    await user.type(within(rule('Rule 3.2')).getByRole('textbox', { name: 'Value' }), 'ent');

    expect(last()).toEqual({
      all: [
        { property: 'person.traits.email', operator: 'exists' },
        { property: 'account.traits.seats', operator: 'gt', value: 10 },
        {
          any: [
            { property: 'account.traits.plan', operator: 'eq', value: 'pro' },
            { property: 'event.properties.plan', operator: 'startsWith', value: 'ent' },
          ],
        },
      ],
    });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Match' }), 'any of these (OR)');
    expect(last()).toMatchObject({ any: expect.any(Array) });
    await user.click(screen.getByRole('button', { name: 'Remove group 3' }));
    await user.click(screen.getByRole('button', { name: 'Remove rule 2' }));
    expect(last()).toEqual({ any: [{ property: 'person.traits.email', operator: 'exists' }] });
  });

  it('types booleans and says what a rule still needs', async () => {
    const { user, last } = setup({ property: 'event.properties.advanced', operator: 'eq', value: '' });
    await user.selectOptions(within(rule('Rule 1')).getByRole('combobox', { name: 'Value type' }), 'True / false');
    expect(last()).toEqual({ property: 'event.properties.advanced', operator: 'eq', value: true });
    await user.selectOptions(within(rule('Rule 1')).getByRole('combobox', { name: 'Value' }), 'false');
    expect(last()).toEqual({ property: 'event.properties.advanced', operator: 'eq', value: false });
    await user.selectOptions(within(rule('Rule 1')).getByRole('combobox', { name: 'Operator' }), 'contains');
    expect(rule('Rule 1').textContent).toContain('needs some text');
  });

  it('removing the last rule of an optional filter removes the filter', async () => {
    const { user, last, changes } = setup({ property: 'account.traits.plan', operator: 'eq', value: 'pro' }, true);
    await user.click(screen.getByRole('button', { name: 'Remove rule 1' }));
    expect(changes).toHaveLength(1);
    expect(last()).toBeUndefined();
  });
});
