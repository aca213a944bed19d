import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { BacktestResultRecord } from '../../api/scoring-operations';
import { usePlaybooksStore } from '../../store/playbooks-store';
import { useScoringStore } from '../../store/scoring-store';
import { useSessionStore } from '../../store/session-store';
import { answerGraphql } from '../scoring/test-graphql';
import { BacktestPanel } from './BacktestPanel';
import { PlaybookBacktestPage } from './PlaybookBacktestPage';

jest.mock('../../api/client', () => ({ graphql: jest.fn() }));

const summary = {
  fired: ['p1', 'p2', 'p3'],
  firesPerDay: [
    { day: '2026-03-01', count: 2 },
    { day: '2026-03-02', count: 0 },
    { day: '2026-03-03', count: 1 },
  ],
  tierDistribution: [
    { tier: 'High', count: 3 },
    { tier: 'none', count: 7 },
  ],
  truePositives: 2,
  precision: 2 / 3,
  recall: 0.5,
  lift: 1.67,
};

const result: BacktestResultRecord = {
  ...summary,
  from: '2026-03-01T00:00:00.000Z',
  to: '2026-03-03T23:59:59.999Z',
  subject: 'person',
  eventsProcessed: 120,
  population: 10,
  converted: 4,
  baseRate: 0.4,
  newlyFiring: ['p3'],
  noLongerFiring: ['p9'],
  baseline: { ...summary, fired: ['p1', 'p2', 'p9'], precision: 1 / 3, recall: 0.25, lift: 0.83 },
  baselineModelVersion: 2,
  baselinePlaybookVersion: null,
  warnings: [],
};

const tiers = [
  { name: 'Low', min: 0, max: 40 },
  { name: 'High', min: 71, max: 100 },
];

beforeEach(() => {
  useSessionStore.setState({ role: 'editor' });
  useScoringStore.getState().reset();
  usePlaybooksStore.setState({ current: null });
});

describe('the backtest panel', () => {
  it("runs the model's draft against its published version and shows fires, tiers, quality and who changes", async () => {
    const calls = answerGraphql({
      Playbooks: () => ({ playbooks: [{ id: 'pb-1', name: 'PQL handoff' }] }),
      Backtest: () => ({ backtest: result }),
    });
    const user = userEvent.setup();
    render(<BacktestPanel modelId="m1" tiers={tiers} />);

    await user.clear(screen.getByLabelText('From'));
    await user.type(screen.getByLabelText('From'), '2026-03-01');
    await user.clear(screen.getByLabelText('To'));
    await user.type(screen.getByLabelText('To'), '2026-03-03');
    await user.click(screen.getByRole('button', { name: 'Run backtest' }));
    expect(screen.getByRole('alert').textContent).toMatch(/outcome event/);

    await user.type(screen.getByRole('textbox', { name: 'Outcome event' }), 'Subscription Started');
    await user.click(screen.getByRole('button', { name: 'Run backtest' }));
    await screen.findByTestId('backtest-results');

    const backtest = calls.find((c) => c.operation === 'Backtest')!;
    expect(backtest.variables).toEqual({
      input: {
        from: '2026-03-01T00:00:00.000Z',
        to: '2026-03-03T23:59:59.999Z',
        subject: 'person',
        outcome: { kind: 'event', event: 'Subscription Started' },
        modelId: 'm1',
        trigger: { kind: 'tierChange', model: 'm1', to: 'High' },
      },
    });
    expect(screen.getAllByTestId('fires-bar')).toHaveLength(3);
    expect(screen.getByRole('img', { name: 'Fires per day: 3 in total under the draft, 3 under the published version' })).toBeTruthy();
    const draftRow = screen.getByRole('row', { name: /^Draft/ });
    expect(within(draftRow).getAllByRole('cell').map((c) => c.textContent)).toEqual(['3', '66.7%', '50.0%', '1.67×']);
    expect(within(screen.getByRole('row', { name: /^Published/ })).getAllByRole('cell').map((c) => c.textContent)).toEqual(['3', '33.3%', '25.0%', '0.83×']);
    expect(within(screen.getByRole('list', { name: 'Tier mix' })).getAllByRole('listitem')).toHaveLength(2);
    expect(within(screen.getByRole('region', { name: 'Newly fire' })).getByText('p3')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'No longer fire' })).getByText('p9')).toBeTruthy();
  });

  it("backtests a playbook's trigger against a chosen model, with a trait outcome", async () => {
    usePlaybooksStore.setState({ current: { id: 'pb-1', name: 'PQL handoff', versions: [] } as never, currentState: { status: 'ready' } });
    const calls = answerGraphql({
      ScoringModels: () => ({ scoringModels: [{ id: 'm1', name: 'Lead score', kind: 'events' }] }),
      Backtest: () => ({ backtest: { ...result, baseline: null, newlyFiring: [], noLongerFiring: [] } }),
    });
    const user = userEvent.setup();
    render(<PlaybookBacktestPage playbookId="pb-1" />);
    expect(screen.getByRole('heading', { name: 'Trigger backtest: PQL handoff' })).toBeTruthy();
    await screen.findByRole('option', { name: 'Lead score' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Scoring model' }), 'm1');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Outcome' }), 'trait');
    await user.type(screen.getByRole('textbox', { name: 'Outcome trait' }), 'plan');
    await user.type(screen.getByRole('textbox', { name: 'Equals' }), 'paid');
    await user.click(screen.getByRole('button', { name: 'Run backtest' }));
    await screen.findByTestId('backtest-results');
    expect(calls.find((c) => c.operation === 'Backtest')!.variables.input).toMatchObject({
      modelId: 'm1',
      playbookId: 'pb-1',
      outcome: { kind: 'trait', trait: 'plan', equals: 'paid' },
    });
    expect(screen.getByText(/no baseline to compare with/)).toBeTruthy();
  });

  it('shows what the API refuses', async () => {
    answerGraphql({
      Playbooks: () => ({ playbooks: [] }),
      Backtest: () => {
        throw new Error('from–to spans 2000 days; a backtest covers at most 1098 days');
      },
    });
    const user = userEvent.setup();
    render(<BacktestPanel modelId="m1" tiers={tiers} />);
    await user.type(screen.getByRole('textbox', { name: 'Outcome event' }), 'Paid');
    await user.click(screen.getByRole('button', { name: 'Run backtest' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/at most 1098 days/);
  });
});
