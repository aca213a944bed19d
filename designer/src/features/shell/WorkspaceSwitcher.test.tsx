import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql } from '../../api/client';
import type { Role } from '../../api/types';
import { usePlaybooksStore } from '../../store/playbooks-store';
import { useSessionStore } from '../../store/session-store';
import { Header } from './Header';

// Only the transport is replaced: the operations, the switcher, the stores and the header are real.
jest.mock('../../api/client', () => ({ graphql: jest.fn(), liveClient: jest.fn(), onLiveConnectionChange: jest.fn(), onLiveReconnected: jest.fn() }));
const mockedGraphql = graphql as jest.MockedFunction<typeof graphql>;

const user = { id: 'u-1', email: 'sam@example.test', name: 'Sam' };
const workspaces = [
  { id: 'w-1', name: 'Acme', role: 'viewer' as Role },
  { id: 'w-2', name: 'Globex', role: 'approver' as Role },
];

function answer(handlers: Record<string, (variables: Record<string, unknown> | undefined) => unknown>) {
  mockedGraphql.mockImplementation(((query: string, variables?: Record<string, unknown>) => {
    const name = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '';
    const handler = handlers[name];
    return handler ? Promise.resolve().then(() => handler(variables)) : new Promise(() => undefined);
  }) as typeof graphql);
}

beforeEach(() => {
  mockedGraphql.mockReset();
  window.history.replaceState(null, '', '/runs');
  useSessionStore.setState({ token: 't-acme', role: 'viewer', user, workspace: { id: 'w-1', name: 'Acme' } });
});

describe('the workspace switcher', () => {
  it("lists the user's workspaces with their role, and switching swaps the token, forgets the old data and follows the new role", async () => {
    answer({
      MyWorkspaces: () => ({ myWorkspaces: workspaces }),
      SwitchWorkspace: (variables) => ({ switchWorkspace: { token: `t-${variables?.workspaceId}`, role: 'approver', user, workspace: { id: 'w-2', name: 'Globex' } } }),
    });
    usePlaybooksStore.setState({ list: [{ id: 'pb-acme' } as never], listState: { status: 'ready' } });
    const u = userEvent.setup();
    render(<Header />);
    const button = screen.getByRole('button', { name: /Acme\s*viewer/ });
    expect(screen.queryByRole('link', { name: 'Approvals' })).toBeNull();

    await u.click(button);
    const menu = await screen.findByRole('menu', { name: 'Your workspaces' });
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(['Acme viewer (current)', 'Globex approver']);
    expect(items[0]!.getAttribute('aria-current')).toBe('true');

    await u.click(items[1]!);
    await waitFor(() => expect(useSessionStore.getState().token).toBe('t-w-2'));
    expect(mockedGraphql).toHaveBeenCalledWith(expect.stringContaining('switchWorkspace(workspaceId: $workspaceId)'), { workspaceId: 'w-2' });
    expect(useSessionStore.getState()).toMatchObject({ role: 'approver', workspace: { id: 'w-2', name: 'Globex' } });
    // Nothing of Acme stays loaded, and the app goes where every workspace has a page.
    expect(usePlaybooksStore.getState()).toMatchObject({ list: [], listState: { status: 'idle' } });
    expect(window.location.pathname).toBe('/playbooks');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('button', { name: /Globex\s*approver/ })).toBeTruthy();
    // An approver gets the inbox.
    expect(screen.getByRole('link', { name: 'Approvals' })).toBeTruthy();
  });

  it('choosing the current workspace only closes the menu; Escape closes it too', async () => {
    answer({ MyWorkspaces: () => ({ myWorkspaces: workspaces }) });
    const u = userEvent.setup();
    render(<Header />);
    await u.click(screen.getByRole('button', { name: /Acme/ }));
    await u.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: /Acme/ }));
    expect(screen.queryByRole('menu')).toBeNull();
    expect(mockedGraphql).toHaveBeenCalledTimes(1);
    expect(useSessionStore.getState().token).toBe('t-acme');

    await u.click(screen.getByRole('button', { name: /Acme/ }));
    await screen.findByRole('menu');
    await u.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('keeps the session when the switch is refused, and says why', async () => {
    answer({
      MyWorkspaces: () => ({ myWorkspaces: workspaces }),
      SwitchWorkspace: () => {
        throw new Error('You are not a member of that workspace');
      },
    });
    const u = userEvent.setup();
    render(<Header />);
    await u.click(screen.getByRole('button', { name: /Acme/ }));
    await u.click(within(await screen.findByRole('menu')).getByRole('menuitem', { name: /Globex/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not switch to Globex: You are not a member of that workspace');
    expect(useSessionStore.getState()).toMatchObject({ token: 't-acme', role: 'viewer' });
  });

  it('says when the workspaces cannot be loaded', async () => {
    answer({
      MyWorkspaces: () => {
        throw new Error('API unreachable');
      },
    });
    const u = userEvent.setup();
    render(<Header />);
    await u.click(screen.getByRole('button', { name: /Acme/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load your workspaces: API unreachable');
  });
});
