import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fetchConnectionBudgets, type ConnectionBudget } from '../../api/connection-budget-operations';
import { createConnection, fetchConnectionsOverview, testConnection, type ConnectionsOverview } from '../../api/ops-operations';
import type { Role } from '../../api/types';
import { useSessionStore } from '../../store/session-store';
import { ConnectionsPage, formatRate } from './ConnectionsPage';

jest.mock('../../api/ops-operations', () => ({ fetchConnectionsOverview: jest.fn(), createConnection: jest.fn(), testConnection: jest.fn() }));
jest.mock('../../api/connection-budget-operations', () => ({ fetchConnectionBudgets: jest.fn() }));

const mocked = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as jest.MockedFunction<T>;

const overview: ConnectionsOverview = {
  connectorCatalogue: [
    {
      name: 'slack',
      displayName: 'Slack',
      version: '1.0.0',
      rateLimitPerSecond: 1,
      auth: {
        kind: 'bearer',
        canTest: true,
        secretFields: ['botToken'],
        configSchema: { type: 'object', properties: { botToken: { type: 'string', writeOnly: true }, teamName: { type: 'string' } }, required: ['botToken'] },
      },
      actions: [{ name: 'postMessage', displayName: 'Post message' }],
      triggers: [],
    },
    {
      name: 'mixpanel',
      displayName: 'Mixpanel',
      version: '1.0.0',
      rateLimitPerSecond: 1 / 60,
      auth: { kind: 'basic', canTest: false, secretFields: [], configSchema: { type: 'object', properties: {} } },
      actions: [],
      triggers: [{ name: 'exportEvents', displayName: 'Export events', kind: 'polling' }],
    },
  ],
  connections: [{ id: 'c1', name: 'mixpanel-prod', connector: 'mixpanel', createdAt: '2026-01-01T00:00:00Z' }],
  connectionTriggers: [
    {
      connectionId: 'c1',
      trigger: 'exportEvents',
      kind: 'polling',
      enabled: true,
      lastPollAt: '2026-01-02T00:00:00Z',
      lastDeliveryAt: null,
      lastError: '401 Unauthorized',
      lastErrorAt: '2026-01-02T00:00:00Z',
      itemsDelivered: 12,
    },
  ],
};

function signIn(role: Role) {
  useSessionStore.setState({ token: 't', role, user: { id: 'u', email: 'a@example.com', name: 'A' }, workspace: { id: 'ws', name: 'WS' } });
}

beforeEach(() => {
  mocked(fetchConnectionsOverview).mockResolvedValue(structuredClone(overview));
  mocked(createConnection).mockReset();
  mocked(testConnection).mockReset();
  mocked(fetchConnectionBudgets).mockReset().mockResolvedValue([]);
});

const hubspotBudget: ConnectionBudget = {
  connectionId: 'c1',
  name: 'mixpanel-prod',
  connector: 'mixpanel',
  ratePerSecond: 0.5,
  rateSource: 'override',
  callsLastMinute: 3,
  callsLastHour: 40,
  callsLastDay: 512,
  vendorQuota: { remaining: 80, limit: 1000, period: 'day', observedAt: '2026-01-02T10:00:00Z' },
  health: 'quotaLow',
  healthNote: 'The vendor reported 80 of 1000 calls left (today)',
};

describe('the connections page', () => {
  it('is for admins only', () => {
    signIn('editor');
    render(<ConnectionsPage />);
    expect(screen.getByText('Only workspace admins manage connections.')).toBeTruthy();
    expect(fetchConnectionsOverview).not.toHaveBeenCalled();
  });

  it('lists the catalogue and connections with their rate limit and trigger health', async () => {
    signIn('admin');
    render(<ConnectionsPage />);
    const row = (await screen.findByText('mixpanel-prod')).closest('tr')!;
    expect(within(row).getByText('1 / min')).toBeTruthy();
    expect(within(row).getByText(/401 Unauthorized/)).toBeTruthy();
    expect(within(row).getByText('cannot be tested')).toBeTruthy();
    const catalogue = screen.getByTestId('connector-catalogue');
    expect(within(catalogue).getByRole('article', { name: 'Slack' }).textContent).toContain('1 / s');
  });

  it('connects from the auth fields, with secrets as password inputs, then tests the connection', async () => {
    const user = userEvent.setup();
    signIn('admin');
    mocked(createConnection).mockResolvedValue({ id: 'c2', name: 'slack-main', connector: 'slack', createdAt: '2026-01-03T00:00:00Z' });
    mocked(testConnection).mockResolvedValue({ ok: false, message: 'invalid_auth', testedAt: '2026-01-03T00:00:00Z' });
    render(<ConnectionsPage />);
    await user.click(await screen.findByRole('button', { name: 'Connect Slack' }));
    const form = screen.getByRole('form', { name: 'Connect Slack' });

    await user.click(within(form).getByRole('button', { name: 'Save connection' }));
    expect(within(form).getByText('Bot token is required.')).toBeTruthy();
    expect(createConnection).not.toHaveBeenCalled();

    const token = within(form).getByLabelText(/Bot token/);
    expect(token.getAttribute('type')).toBe('password');
    await user.clear(within(form).getByLabelText('Connection name'));
    await user.type(within(form).getByLabelText('Connection name'), 'slack-main');
    await user.type(token, 'xoxb-1');
    await user.click(within(form).getByRole('button', { name: 'Save connection' }));
    expect(createConnection).toHaveBeenCalledWith({ name: 'slack-main', connector: 'slack', config: { botToken: 'xoxb-1' } });

    await user.click(await screen.findByRole('button', { name: 'Test slack-main' }));
    expect(testConnection).toHaveBeenCalledWith('c2');
    expect((await screen.findByRole('status')).textContent).toContain('Failed: invalid_auth');
  });

  it("shows each connection's budget: effective rate, calls per minute/hour/day and the vendor quota", async () => {
    signIn('admin');
    mocked(fetchConnectionBudgets).mockResolvedValue([structuredClone(hubspotBudget)]);
    render(<ConnectionsPage />);
    const budget = await screen.findByTestId('budget-c1');
    const row = budget.closest('tr')!;
    // The override the worker runs with replaces the declared 1 / min.
    expect(within(row).getByText('30 / min')).toBeTruthy();
    expect(within(row).getByText(/set by TRIPLINE_/)).toBeTruthy();
    expect(budget.textContent).toContain('Calls: 3 last min · 40 last hour · 512 last 24 h');
    expect(budget.textContent).toContain('Vendor quota: 80 of 1,000 left today');
    expect((within(budget).getByRole('meter', { name: 'mixpanel-prod vendor quota left' }) as HTMLMeterElement).value).toBeCloseTo(0.08);
    expect(within(budget).getByRole('status').textContent).toBe('The vendor reported 80 of 1000 calls left (today)');
  });

  it('says when no quota was reported, refreshes on demand, and keeps the connections when budgets fail', async () => {
    const user = userEvent.setup();
    signIn('admin');
    mocked(fetchConnectionBudgets).mockResolvedValueOnce([{ ...hubspotBudget, vendorQuota: null, health: 'ok', healthNote: null, rateSource: 'declared', ratePerSecond: 1 / 60 }]);
    render(<ConnectionsPage />);
    const budget = await screen.findByTestId('budget-c1');
    expect(budget.textContent).toContain('No vendor quota reported');
    expect(within(budget).queryByRole('status')).toBeNull();

    mocked(fetchConnectionBudgets).mockRejectedValueOnce(new Error('network down'));
    await user.click(screen.getByRole('button', { name: 'Refresh budgets' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load budgets: network down');
    expect(screen.getByText('mixpanel-prod')).toBeTruthy();
    expect(fetchConnectionBudgets).toHaveBeenCalledTimes(2);
  });

  it('formats rate limits', () => {
    expect(formatRate(10)).toBe('10 / s');
    expect(formatRate(null)).toBe('not declared');
  });
});
