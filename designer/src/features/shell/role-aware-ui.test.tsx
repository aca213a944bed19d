import { render, screen } from '@testing-library/react';
import { demoRequestFollowUp } from '@tripline/playbook';
import { graphql } from '../../api/client';
import type { Role } from '../../api/types';
import { usePlaybooksStore } from '../../store/playbooks-store';
import { useSessionStore } from '../../store/session-store';
import { PlaybookPage } from '../playbooks/PlaybookPage';

// Only the transport is replaced: the page, the editor and the stores are real.
jest.mock('../../api/client', () => ({ graphql: jest.fn(), liveClient: jest.fn(), onLiveConnectionChange: jest.fn(), onLiveReconnected: jest.fn() }));
const mockedGraphql = graphql as jest.MockedFunction<typeof graphql>;

const playbook = {
  id: 'pb-1',
  name: 'Demo request follow-up',
  description: null,
  status: 'draft',
  draft: demoRequestFollowUp,
  publishedVersion: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  versions: [],
};

function openAs(role: Role) {
  useSessionStore.setState({ token: `t-${role}`, role, user: { id: 'u', email: 'u@example.test', name: null }, workspace: { id: 'w', name: 'Acme' } });
  usePlaybooksStore.getState().reset();
  mockedGraphql.mockImplementation(((query: string) =>
    /query Playbook\(/.test(query) ? Promise.resolve({ playbook }) : new Promise(() => undefined)) as typeof graphql);
  return render(<PlaybookPage id="pb-1" />);
}

describe('a playbook as each role sees it', () => {
  it.each<Role>(['viewer', 'approver', 'operator'])('%s: the editor controls are disabled and the page says why', async (role) => {
    openAs(role);
    const note = await screen.findByRole('note');
    expect(note.textContent).toBe(`View only: your role (${role}) cannot edit playbooks. Editing needs the editor or admin role; a workspace admin can change it.`);
    expect((screen.getByRole('button', { name: 'Publish' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Auto-layout' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole('link', { name: 'Backtest the trigger' })).toBeNull();
  });

  it.each<Role>(['editor', 'admin'])('%s: can edit, with no view-only note', async (role) => {
    openAs(role);
    expect((await screen.findByRole('button', { name: 'Publish' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getByRole('link', { name: 'Backtest the trigger' })).toBeTruthy();
  });
});
