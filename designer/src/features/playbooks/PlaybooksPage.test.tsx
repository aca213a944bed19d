import { render, screen, within } from '@testing-library/react';
import { graphql } from '../../api/client';
import type { PlaybookRecord } from '../../api/types';
import { usePlaybooksStore } from '../../store/playbooks-store';
import { useSessionStore } from '../../store/session-store';
import { PlaybooksPage } from './PlaybooksPage';

jest.mock('../../api/client', () => ({ graphql: jest.fn(), liveClient: jest.fn(), onLiveConnectionChange: jest.fn(), onLiveReconnected: jest.fn() }));

const playbook = (over: Partial<PlaybookRecord>): PlaybookRecord => ({
  id: 'p',
  name: 'P',
  description: null,
  status: 'draft',
  draft: {},
  publishedVersion: null,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  pendingChangeRequestId: null,
  runStats: { days: 7, started: 0, inProgress: 0, completed: 0, failed: 0, lastRunAt: null },
  ...over,
});

describe('PlaybooksPage', () => {
  beforeEach(() => {
    useSessionStore.setState({ token: 't', role: 'editor', user: { id: 'u', email: 'u@example.com', name: null }, workspace: { id: 'w', name: 'Acme' } });
    usePlaybooksStore.setState({ search: '', list: [] });
    jest.mocked(graphql).mockResolvedValue({
      playbooks: [
        playbook({ id: 'live', name: 'Trial conversion', status: 'published', publishedVersion: 3, runStats: { days: 7, started: 12, inProgress: 1, completed: 10, failed: 1, lastRunAt: '2026-11-22T09:30:00.000Z' } }),
        playbook({ id: 'gated', name: 'Upsell', status: 'draft', pendingChangeRequestId: 'cr-1' }),
        playbook({ id: 'new', name: 'Onboarding' }),
      ],
    });
  });

  it('shows each playbook with its status, pending approval linking to the change request, and its last 7 days of runs', async () => {
    render(<PlaybooksPage />);
    const live = (await screen.findByRole('link', { name: 'Trial conversion' })).closest('tr')!;
    expect(within(live).getByText('published')).toBeTruthy();
    expect(within(live).getByText('v3')).toBeTruthy();
    expect(within(live).getByText('12 runs in 7 days: 10 completed, 1 failed, 1 in progress')).toBeTruthy();

    const gated = screen.getByRole('link', { name: 'Upsell' }).closest('tr')!;
    const pending = within(gated).getByRole('link', { name: 'Upsell: pending approval, open the change request' });
    expect(pending.getAttribute('href')).toBe('/approvals/change-requests/cr-1');
    expect(within(gated).getByText('No runs in 7 days')).toBeTruthy();

    const fresh = screen.getByRole('link', { name: 'Onboarding' }).closest('tr')!;
    expect(within(fresh).getByText('draft')).toBeTruthy();
    expect(within(fresh).queryByText('pending approval')).toBeNull();
  });

  it('asks the API for the list columns it shows', async () => {
    render(<PlaybooksPage />);
    await screen.findByRole('link', { name: 'Trial conversion' });
    const [query] = jest.mocked(graphql).mock.calls.at(-1)!;
    expect(query).toContain('pendingChangeRequestId');
    expect(query).toMatch(/runStats \{ days started inProgress completed failed lastRunAt \}/);
  });
});
