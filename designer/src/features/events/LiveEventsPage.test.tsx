import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fetchRecentEvents, subscribeToIngestedEvents, type IngestedEvent, type TailFilter } from './live-events-api';
import { LiveEventsPage } from './LiveEventsPage';

jest.mock('./live-events-api', () => ({ fetchRecentEvents: jest.fn(), subscribeToIngestedEvents: jest.fn() }));
jest.mock('../../api/client', () => ({ onLiveReconnected: () => () => undefined }));

const mocked = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as jest.MockedFunction<T>;

const event = (messageId: string, name = 'Pricing Page Viewed', overrides: Partial<IngestedEvent> = {}): IngestedEvent => ({
  messageId,
  type: 'track',
  event: name,
  userId: `user-${messageId}`,
  anonymousId: null,
  personId: `person-${messageId}`,
  accountId: null,
  timestamp: '2026-01-01T00:00:00Z',
  receivedAt: '2026-01-01T00:00:01Z',
  source: 'segment:analytics-node',
  scoreEffects: [],
  ...overrides,
});

const trial = (messageId: string) =>
  event(messageId, 'Trial Started', {
    scoreEffects: [
      { modelId: 'lead', modelName: 'Lead score', subjectKind: 'person', subjectId: `person-${messageId}`, points: 75, scoreBefore: 5, scoreAfter: 80, tierBefore: 'Low', tierAfter: 'High' },
    ],
  });

/** Each subscription the page opened: its filter, how to push to it, and whether it was stopped. */
let feeds: { filter: TailFilter; push: (event: IngestedEvent) => void; stopped: boolean }[] = [];
const currentFeed = () => feeds.filter((feed) => !feed.stopped).at(-1)!;
// The Who cell of each row (plain DOM: role queries over 500 rows are slow in jsdom).
const shownIds = () => screen.queryAllByTestId('tail-row').map((row) => row.querySelectorAll('td')[2]!.textContent);

beforeEach(() => {
  feeds = [];
  mocked(fetchRecentEvents).mockReset().mockResolvedValue([event('m2'), event('m1')]);
  mocked(subscribeToIngestedEvents).mockReset().mockImplementation((filter, onEvent) => {
    const feed = { filter, push: onEvent, stopped: false };
    feeds.push(feed);
    return () => {
      feed.stopped = true;
    };
  });
});

describe('the live events tail', () => {
  it('starts from the recent events and puts each pushed event on top with its score effect', async () => {
    render(<LiveEventsPage />);
    await waitFor(() => expect(shownIds()).toEqual(['user-m2', 'user-m1']));
    expect(fetchRecentEvents).toHaveBeenCalledWith({}, 100);

    act(() => currentFeed().push(trial('m3')));
    expect(shownIds()).toEqual(['user-m3', 'user-m2', 'user-m1']);
    const top = screen.getAllByTestId('tail-row')[0]!;
    expect(within(top).getByText('Trial Started')).toBeTruthy();
    expect(within(top).getByText('+75 Lead score 5 → 80 (Low → High)')).toBeTruthy();
    // An event that scored nothing shows no effect.
    expect(within(screen.getAllByTestId('tail-row')[1]!).getAllByRole('cell')[4]!.textContent).toBe('—');
  });

  it('holds pushed events while paused and adds them on resume', async () => {
    const user = userEvent.setup();
    render(<LiveEventsPage />);
    await waitFor(() => expect(shownIds()).toEqual(['user-m2', 'user-m1']));

    await user.click(screen.getByRole('button', { name: 'Pause' }));
    act(() => currentFeed().push(event('m3')));
    act(() => currentFeed().push(event('m4')));
    expect(shownIds()).toEqual(['user-m2', 'user-m1']);
    expect(screen.getByTestId('tail-status').textContent).toContain('Paused: 2 new events waiting.');

    await user.click(screen.getByRole('button', { name: 'Resume (2 new)' }));
    expect(shownIds()).toEqual(['user-m4', 'user-m3', 'user-m2', 'user-m1']);
    act(() => currentFeed().push(event('m5')));
    expect(shownIds()[0]).toBe('user-m5');
  });

  it('filters by event name on the server, for the first page and the feed alike', async () => {
    const user = userEvent.setup();
    render(<LiveEventsPage />);
    await waitFor(() => expect(shownIds()).toHaveLength(2));

    mocked(fetchRecentEvents).mockResolvedValue([trial('t1')]);
    await user.type(screen.getByLabelText('Event name'), 'Trial Started');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(shownIds()).toEqual(['user-t1']));
    expect(fetchRecentEvents).toHaveBeenLastCalledWith({ event: 'Trial Started' }, 100);
    expect(currentFeed().filter).toEqual({ event: 'Trial Started' });
    // The unfiltered feed was stopped: only one subscription is open.
    expect(feeds.filter((feed) => !feed.stopped)).toHaveLength(1);

    mocked(fetchRecentEvents).mockResolvedValue([event('m2'), event('m1')]);
    await user.click(screen.getByRole('button', { name: 'Clear filter' }));
    await waitFor(() => expect(shownIds()).toEqual(['user-m2', 'user-m1']));
    expect(currentFeed().filter).toEqual({});
  });

  it('keeps at most 500 rows, dropping the oldest', async () => {
    mocked(fetchRecentEvents).mockResolvedValue(Array.from({ length: 100 }, (_, i) => event(`old${99 - i}`)));
    render(<LiveEventsPage />);
    await waitFor(() => expect(shownIds()).toHaveLength(100));
    act(() => {
      for (let i = 0; i < 450; i++) currentFeed().push(event(`new${i}`));
    });
    const ids = shownIds();
    expect(ids).toHaveLength(500);
    expect(ids[0]).toBe('user-new449');
    // 450 new + the 50 newest of the first page.
    expect(ids.at(-1)).toBe('user-old50');
  });

  it('says when loading the recent events failed', async () => {
    mocked(fetchRecentEvents).mockRejectedValue(new Error('API unreachable'));
    render(<LiveEventsPage />);
    expect(await screen.findByText(/API unreachable/)).toBeTruthy();
  });
});
