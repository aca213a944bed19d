import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { demoRequestFollowUp } from '@tripline/playbook';
import { fetchPlaybook, fetchRun, subscribeToRunUpdates } from '../../api/operations';
import { cancelRun, resetRun, retryRun } from '../../api/ops-operations';
import type { PlaybookWithVersions, Role, Run } from '../../api/types';
import { useCatalogueStore } from '../../store/catalogue-store';
import { useRunsStore } from '../../store/runs-store';
import { useSessionStore } from '../../store/session-store';
import { RunPage } from './RunPage';
import { testRun, testStep } from './test-runs';

jest.mock('../../api/operations', () => ({
  fetchRun: jest.fn(),
  fetchPlaybook: jest.fn(),
  subscribeToRunUpdates: jest.fn(),
  fetchDesignerCatalogue: jest.fn(() => new Promise(() => undefined)),
}));
jest.mock('../../api/ops-operations', () => ({ retryRun: jest.fn(), cancelRun: jest.fn(), resetRun: jest.fn() }));
jest.mock('../../api/client', () => ({ onLiveReconnected: () => () => undefined, onLiveConnectionChange: () => () => undefined }));

const mocked = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as jest.MockedFunction<T>;
const [first, second] = Object.keys(demoRequestFollowUp.nodes);
let pushUpdate: (run: Run) => void = () => undefined;

function signIn(role: Role) {
  useSessionStore.setState({ token: 't', role, user: { id: 'u', email: 'op@example.com', name: 'Op' }, workspace: { id: 'ws', name: 'WS' } });
}

function open(run: Run, role: Role = 'operator') {
  signIn(role);
  mocked(fetchRun).mockResolvedValue(run);
  return render(<RunPage id={run.id} />);
}

beforeEach(() => {
  useRunsStore.getState().reset();
  useCatalogueStore.setState({ status: 'ready' });
  mocked(fetchPlaybook).mockResolvedValue({
    id: 'pb-1',
    versions: [{ id: 'v1', playbookId: 'pb-1', version: 1, definition: demoRequestFollowUp, publishedAt: '2026-01-01T00:00:00Z' }],
  } as unknown as PlaybookWithVersions);
  mocked(subscribeToRunUpdates).mockImplementation((_filter, onRun) => {
    pushUpdate = onRun;
    return () => undefined;
  });
  for (const fn of [retryRun, cancelRun, resetRun]) mocked(fn).mockReset();
});

describe('the run view', () => {
  it('colours the canvas from live updates, with a legend and the Temporal link', async () => {
    open(testRun('r1', { steps: [testStep(first, 'running')] }));
    const node = await screen.findByTestId(`step-node-${first}`);
    expect(node.getAttribute('data-step-status')).toBe('running');
    expect(screen.getByRole('list', { name: 'Step status legend' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Open in Temporal UI/ }).getAttribute('href')).toContain('tripline:ws:r1');

    act(() => pushUpdate(testRun('r1', { status: 'waiting', updatedAt: '2026-01-01T10:01:00Z', steps: [testStep(first, 'running')] })));
    await waitFor(() => expect(screen.getByTestId(`step-node-${first}`).getAttribute('data-step-status')).toBe('waiting'));
    expect(within(screen.getByTestId('step-log')).getByText('waiting')).toBeTruthy();

    act(() =>
      pushUpdate(
        testRun('r1', {
          status: 'compensated',
          updatedAt: '2026-01-01T10:02:00Z',
          steps: [testStep(first, 'completed'), testStep(second, 'failed', { startedAt: '2026-01-01T10:01:30Z' })],
        }),
      ),
    );
    await waitFor(() => expect(screen.getByTestId(`step-node-${first}`).getAttribute('data-step-status')).toBe('compensated'));
    expect(screen.getByTestId(`step-node-${second}`).getAttribute('data-step-status')).toBe('failed');
  });

  it('masks secret-looking values in the step log', async () => {
    open(testRun('r1', { steps: [testStep(first, 'completed', { input: { to: 'ada@example.com', apiKey: 'sk-live-123' }, output: { token: 'abc' } })] }));
    const log = await screen.findByTestId('step-log');
    expect(log.textContent).toContain('ada@example.com');
    expect(log.textContent).not.toContain('sk-live-123');
    expect(log.textContent).not.toContain('"abc"');
    expect(log.textContent).toContain('••••••');
  });

  it('lets operators retry a failed run, and offers only what its status allows', async () => {
    const user = userEvent.setup();
    const failed = testRun('r1', { status: 'failed', error: 'boom', steps: [testStep(first, 'completed'), testStep(second, 'failed')] });
    mocked(retryRun).mockResolvedValue(testRun('r1', { status: 'pending', updatedAt: '2026-01-01T11:00:00Z' }));
    open(failed);
    const actions = await screen.findByRole('group', { name: 'Run actions' });
    expect((within(actions).getByRole('button', { name: 'Cancel run' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(actions).getByRole('button', { name: 'Retry' }));
    expect(retryRun).toHaveBeenCalledWith('r1');
    expect(await within(actions).findByText('Retry started.')).toBeTruthy();
    expect(useRunsStore.getState().byId.r1.status).toBe('pending');
  });

  it('resets to a chosen step and shows the API refusal', async () => {
    const user = userEvent.setup();
    mocked(resetRun).mockRejectedValue(new Error('Temporal is unreachable'));
    open(testRun('r1', { status: 'running', steps: [testStep(first, 'completed'), testStep(second, 'running')] }), 'admin');
    const actions = await screen.findByRole('group', { name: 'Run actions' });
    await user.selectOptions(within(actions).getByLabelText('Reset to'), second);
    await user.click(within(actions).getByRole('button', { name: 'Reset' }));
    expect(resetRun).toHaveBeenCalledWith('r1', second);
    expect((await within(actions).findByRole('alert')).textContent).toContain('Temporal is unreachable');
  });

  it('shows no operator buttons to viewers', async () => {
    open(testRun('r1', { status: 'failed' }), 'viewer');
    await screen.findByText('Workflow id');
    expect(screen.queryByRole('group', { name: 'Run actions' })).toBeNull();
  });
});
