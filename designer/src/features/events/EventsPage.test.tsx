import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fetchRankedSubjects, fetchSubjectActivity, listScoredModels } from '../../api/ops-operations';
import { EventsPage, eventsPathFor } from './EventsPage';

jest.mock('../../api/ops-operations', () => ({ listScoredModels: jest.fn(), fetchRankedSubjects: jest.fn(), fetchSubjectActivity: jest.fn() }));

const mocked = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as jest.MockedFunction<T>;

beforeEach(() => {
  window.history.replaceState(null, '', '/events');
  mocked(listScoredModels).mockResolvedValue([
    { id: 'pql', name: 'PQL score', kind: 'events', publishedVersion: 2 },
    { id: 'draft-only', name: 'Draft model', kind: 'events', publishedVersion: null },
  ]);
  mocked(fetchRankedSubjects).mockResolvedValue([
    { subjectId: 'acc-1', subjectKind: 'account', name: 'Acme', score: 80, tier: 'High', lastEventAt: '2026-01-03T00:00:00Z' },
  ]);
  mocked(fetchSubjectActivity).mockResolvedValue({
    subjectId: 'acc-1',
    subjectKind: 'account',
    userId: null,
    groupId: 'acme',
    scores: [
      {
        model: { id: 'pql', name: 'PQL score' },
        modelVersion: 2,
        score: 80,
        tier: 'High',
        lastEventAt: '2026-01-03T00:00:00Z',
        history: [
          { at: '2026-01-03T00:00:00Z', messageId: 'm2', score: 80, tier: 'High' },
          { at: '2026-01-02T00:00:00Z', messageId: 'm1', score: 65, tier: 'Medium' },
        ],
        topContributions: [{ messageId: 'm2', event: 'Invited Teammate', ruleId: 'r1', points: 15, basePoints: 15, timestamp: '2026-01-03T00:00:00Z' }],
      },
    ],
  });
});

describe('the scored events page', () => {
  it('ranks subjects under a published model and opens one\'s scored events with their effect', async () => {
    const user = userEvent.setup();
    render(<EventsPage />);
    const model = screen.getByLabelText('Model');
    expect(await within(model).findByRole('option', { name: 'PQL score' })).toBeTruthy();
    expect(within(model).queryByRole('option', { name: 'Draft model' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Rank' }));
    expect(fetchRankedSubjects).toHaveBeenCalledWith('pql', 'account');
    await user.click(await screen.findByRole('button', { name: 'Acme' }));

    expect(fetchSubjectActivity).toHaveBeenCalledWith('account', 'acc-1');
    expect(window.location.search).toBe('?kind=account&id=acc-1');
    const table = await screen.findByRole('table', { name: 'Scored events under PQL score' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1].textContent).toContain('Invited Teammate');
    expect(rows[1].textContent).toContain('+15');
    expect(rows[1].textContent).toContain('→ High');
    expect(rows[2].textContent).toContain('m1');

    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(fetchSubjectActivity).toHaveBeenCalledTimes(2);
  });

  it('opens the subject named in the URL (run pages link here)', async () => {
    window.history.replaceState(null, '', eventsPathFor('account', 'acc-1'));
    render(<EventsPage />);
    expect(await screen.findByRole('region', { name: 'Activity of account acc-1' })).toBeTruthy();
    expect(eventsPathFor('contact', 'x')).toBeNull();
  });
});
