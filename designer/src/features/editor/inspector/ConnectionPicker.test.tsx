import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { listConnectionOptions, type ConnectionOption } from '../../../api/connection-budget-operations';
import { GraphqlRequestError } from '../../../api/graphql-client';
import { useConnectionsStore } from '../../../store/connections-store';
import { ConnectionPicker, connectionOptionLabel } from './ConnectionPicker';

jest.mock('../../../api/connection-budget-operations', () => ({ listConnectionOptions: jest.fn() }));

const mockedList = listConnectionOptions as jest.MockedFunction<typeof listConnectionOptions>;

const options: ConnectionOption[] = [
  { id: 'c-1', name: 'hubspot-main', connector: 'hubspot', health: 'quotaExhausted', healthNote: 'The vendor reported no calls left (today)' },
  { id: 'c-2', name: 'hubspot-sandbox', connector: 'hubspot', health: 'ok', healthNote: null },
  { id: 'c-3', name: 'default-email', connector: 'email', health: 'ok', healthNote: null },
];

/** The picker as the action form uses it: the chosen value lives in the step. */
function Harness({ connector, initial = '' }: { connector: string; initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <ConnectionPicker connector={connector} value={value} onChange={setValue} />
      <output aria-label="chosen">{value}</output>
    </>
  );
}

beforeEach(() => {
  useConnectionsStore.setState({ connections: [], status: 'idle' });
  mockedList.mockReset();
});

describe('the connection picker', () => {
  it("loads the workspace's connections through connectionOptions and offers those of the step's connector", async () => {
    mockedList.mockResolvedValue(options);
    const user = userEvent.setup();
    render(<Harness connector="hubspot" />);
    const select = (await screen.findByRole('combobox', { name: /^Connection/ })) as HTMLSelectElement;
    expect(mockedList).toHaveBeenCalledTimes(1);
    expect([...select.options].map((option) => option.textContent)).toEqual(['Choose a connection…', 'hubspot-main (quota used up)', 'hubspot-sandbox']);

    await user.selectOptions(select, 'hubspot-main');
    expect(screen.getByRole('status', { name: 'chosen' }).textContent).toBe('hubspot-main');
    // The chosen connection's health explains itself under the field.
    expect(select.closest('.field')!.textContent).toContain('The vendor reported no calls left (today)');

    await user.selectOptions(select, 'hubspot-sandbox');
    expect(select.closest('.field')!.textContent).not.toContain('no calls left');
  });

  it('keeps a step that names its connection by id selectable', async () => {
    mockedList.mockResolvedValue(options);
    render(<Harness connector="hubspot" initial="c-2" />);
    const select = (await screen.findByRole('combobox', { name: /^Connection/ })) as HTMLSelectElement;
    expect(select.value).toBe('c-2');
    expect(select.selectedOptions[0]!.textContent).toBe('hubspot-sandbox (by id)');
  });

  it('says when the workspace has no connection of that connector', async () => {
    mockedList.mockResolvedValue(options);
    render(<Harness connector="slack" />);
    const select = await screen.findByRole('combobox', { name: /^Connection/ });
    expect(select.textContent).toContain('No slack connection yet');
    expect(select.closest('.field')!.textContent).toContain('An admin adds connections under Connections.');
  });

  it('falls back to typing the name when the role may not list connections', async () => {
    mockedList.mockRejectedValue(new GraphqlRequestError('Forbidden', 'FORBIDDEN', 200));
    render(<Harness connector="hubspot" initial="hubspot-main" />);
    await act(async () => undefined);
    const field = (await screen.findByRole('textbox', { name: /^Connection/ })) as HTMLInputElement;
    expect(field.value).toBe('hubspot-main');
    expect(field.closest('.field')!.textContent).toContain('Only editors and admins can list connections');
  });

  it('labels connections by health', () => {
    expect(connectionOptionLabel({ name: 'a', health: 'ok' })).toBe('a');
    expect(connectionOptionLabel({ name: 'a', health: 'quotaLow' })).toBe('a (quota low)');
    expect(connectionOptionLabel({ name: 'a', health: 'connectorMissing' })).toBe('a (connector not installed)');
    expect(connectionOptionLabel({ name: 'a' })).toBe('a');
  });
});
