import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parseRoute, pathOf } from '../../app/routes';
import { useScoringStore } from '../../store/scoring-store';
import { useSessionStore } from '../../store/session-store';
import { ScoringModelsPage } from './ScoringModelsPage';
import { answerGraphql } from './test-graphql';

jest.mock('../../api/client', () => ({ graphql: jest.fn() }));

const listed = { id: 'm1', name: 'Lead score', kind: 'events', draft: {}, publishedVersion: 3, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };

beforeEach(() => {
  useScoringStore.getState().reset();
  useSessionStore.setState({ role: 'editor' });
  window.history.replaceState(null, '', '/scoring-models');
});

describe('the scoring models list', () => {
  it('lists the models and creates a component model from the PQL starter', async () => {
    const calls = answerGraphql({
      ScoringModels: () => ({ scoringModels: [listed] }),
      CreateScoringModel: (v) => ({ createScoringModel: { ...listed, id: 'm2', name: (v.input as { name: string }).name, kind: 'components', publishedVersion: null } }),
    });
    const user = userEvent.setup();
    render(<ScoringModelsPage />);
    expect(await screen.findByRole('link', { name: 'Lead score' })).toHaveProperty('href', 'http://localhost/scoring-models/m1');
    expect(screen.getByRole('cell', { name: 'v3' })).toBeTruthy();

    await user.type(screen.getByRole('textbox', { name: 'New model name' }), 'Account PQL');
    await user.selectOptions(screen.getByRole('combobox', { name: 'New model kind' }), 'components');
    await user.click(screen.getByRole('button', { name: 'Create model' }));
    expect(await screen.findByRole('link', { name: 'Account PQL' })).toBeTruthy();
    const create = calls.find((c) => c.operation === 'CreateScoringModel')!;
    expect(create.variables.input).toMatchObject({ name: 'Account PQL', definition: { kind: 'components', name: 'Account PQL' } });
    expect(window.location.pathname).toBe('/scoring-models/m2');
  });

  it('hides the create form from viewers', async () => {
    useSessionStore.setState({ role: 'viewer' });
    answerGraphql({ ScoringModels: () => ({ scoringModels: [] }) });
    render(<ScoringModelsPage />);
    expect(await screen.findByText('No scoring models yet.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create model' })).toBeNull();
  });

  it('has routes for the list, a model and a playbook trigger backtest', () => {
    expect(parseRoute('/scoring-models')).toEqual({ name: 'scoringModels' });
    expect(parseRoute('/scoring-models/m%201')).toEqual({ name: 'scoringModel', id: 'm 1' });
    expect(parseRoute('/playbooks/pb-1/backtest')).toEqual({ name: 'playbookBacktest', id: 'pb-1' });
    expect(pathOf({ name: 'scoringModel', id: 'm 1' })).toBe('/scoring-models/m%201');
    expect(pathOf({ name: 'playbookBacktest', id: 'pb-1' })).toBe('/playbooks/pb-1/backtest');
    expect(parseRoute('/playbooks/pb-1/other')).toEqual({ name: 'notFound', path: '/playbooks/pb-1/other' });
  });
});
