import { render, screen } from '@testing-library/react';
import type { Role } from '../../api/types';
import { useSessionStore } from '../../store/session-store';
import { Header } from '../shell/Header';

jest.mock('../../api/client', () => ({ graphql: jest.fn(), liveClient: jest.fn(), onLiveConnectionChange: jest.fn(), onLiveReconnected: jest.fn() }));

function headerFor(role: Role) {
  useSessionStore.setState({ token: 't', role, user: { id: 'u', email: 'u@example.com', name: null }, workspace: { id: 'w', name: 'Acme' } });
  return render(<Header />);
}

describe('the Approvals nav item', () => {
  it.each<[Role, boolean]>([
    ['admin', true],
    ['approver', true],
    // A gate can be assigned to editors and operators: they must reach the inbox too.
    ['editor', true],
    ['operator', true],
    ['viewer', false],
  ])('is shown to %s: %s', (role, shown) => {
    headerFor(role);
    expect(screen.queryByRole('link', { name: 'Approvals' }) !== null).toBe(shown);
  });
});
