import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { listPlaybooks, listRuns, subscribeToRunUpdates } from '../../api/operations';
import type { PlaybookRecord, Run } from '../../api/types';
import { useRunsStore } from '../../store/runs-store';
import { RunsPage } from './RunsPage';
import { testRun } from './test-runs';

jest.mock('../../api/operations', () => ({
  listRuns: jest.fn(),
  listPlaybooks: jest.fn(),
  subscribeToRunUpdates: jest.fn(),
}));
jest.mock('../../api/client', () => ({ onLiveReconnected: () => () => undefined, onLiveConnectionChange: () => () => undefined }));

const mocked = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as jest.MockedFunction<T>;
let pushUpdate: (run: Run) => void = () => undefined;

beforeEach(() => {
  useRunsStore.getState().reset();
  mocked(listRuns).mockReset().mockResolvedValue([testRun('r1')]);
  mocked(listPlaybooks).mockResolvedValue([{ id: 'pb-1', name: 'Demo request follow-up' } as PlaybookRecord, { id: 'pb-2', name: 'Trial' } as PlaybookRecord]);
  mocked(subscribeToRunUpdates).mockImplementation((_filter, onRun) => {
    pushUpdate = onRun;
    return () => undefined;
  });
});

describe('the runs list', () => {
  it('filters by status, playbook and subject through the API', async () => {
    const user = userEvent.setup();
    render(<RunsPage />);
    expect(await screen.findByRole('link', { name: 'Run r1' })).toBeTruthy();
    expect(listRuns).toHaveBeenLastCalledWith({ limit: 50 });

    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    await waitFor(() => expect(listRuns).toHaveBeenLastCalledWith({ limit: 50, status: 'failed' }));

    await screen.findByRole('option', { name: 'Trial' });
    await user.selectOptions(screen.getByLabelText('Playbook'), 'pb-2');
    await waitFor(() => expect(listRuns).toHaveBeenLastCalledWith({ limit: 50, status: 'failed', playbookId: 'pb-2' }));

    mocked(listRuns).mockResolvedValue([]);
    await user.type(screen.getByLabelText('Subject id'), 'user-9');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(listRuns).toHaveBeenLastCalledWith({ limit: 50, status: 'failed', playbookId: 'pb-2', subjectId: 'user-9' }));
    expect(await screen.findByText('No run matches these filters.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(listRuns).toHaveBeenLastCalledWith({ limit: 50 }));
  });

  it('keeps live updates that do not match the filters out of the list', async () => {
    const user = userEvent.setup();
    mocked(listRuns).mockResolvedValue([testRun('r1', { status: 'failed' })]);
    render(<RunsPage />);
    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    await screen.findByRole('link', { name: 'Run r1' });

    act(() => pushUpdate(testRun('r2', { status: 'running', startedAt: '2026-01-02T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z' })));
    act(() => pushUpdate(testRun('r3', { status: 'failed', startedAt: '2026-01-02T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z' })));
    expect(screen.queryByRole('link', { name: 'Run r2' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Run r3' })).toBeTruthy();

    // r1 is retried: it no longer matches "failed" and leaves the list.
    act(() => pushUpdate(testRun('r1', { status: 'pending', updatedAt: '2026-01-03T00:00:00Z' })));
    expect(screen.queryByRole('link', { name: 'Run r1' })).toBeNull();
  });
});
