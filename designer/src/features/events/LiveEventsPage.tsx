import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/graphql-client';
import { onLiveReconnected } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { failed, LOADING, READY, type LoadState } from '../../store/load-state';
import { LoadStateNotice } from '../shell/LoadStateNotice';
import { fetchRecentEvents, subscribeToIngestedEvents, type IngestedEvent, type TailFilter } from './live-events-api';
import { actorOf, formatScoreEffect, prependEvents, TAIL_CAP } from './live-tail';

/** How many stored events the tail starts from. */
const FIRST_PAGE = 100;

/**
 * `/events/live`: the workspace's incoming events as they are stored, newest on top, each with what
 * it did to the scores. Starts from `recentEvents`, then `eventsIngested` adds to the top; paused, the
 * feed keeps arriving into a waiting list that resume puts on top. At most TAIL_CAP rows stay.
 */
export function LiveEventsPage() {
  const [filter, setFilter] = useState<TailFilter>({});
  const [typed, setTyped] = useState('');
  const [rows, setRows] = useState<IngestedEvent[]>([]);
  const [waiting, setWaiting] = useState<IngestedEvent[]>([]);
  const [paused, setPaused] = useState(false);
  const [state, setState] = useState<LoadState>(LOADING);
  const [liveError, setLiveError] = useState<string | null>(null);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  const load = useCallback(async () => {
    setState(LOADING);
    try {
      const page = await fetchRecentEvents(filter, FIRST_PAGE);
      // Events the feed delivered while the page loaded are newer: they stay on top.
      setRows((current) => prependEvents(page, [...current].reverse()));
      setState(READY);
    } catch (error) {
      setState(failed(errorMessage(error)));
    }
  }, [filter]);

  useEffect(() => {
    setRows([]);
    setWaiting([]);
    void load();
  }, [load]);

  useEffect(() => {
    // After a reconnect the feed may have missed events: the stored ones fill the gap.
    const stopReconnect = onLiveReconnected(() => void load());
    const unsubscribe = subscribeToIngestedEvents(
      filter,
      (event) => {
        setLiveError(null);
        if (pausedRef.current) setWaiting((list) => [...list, event].slice(-TAIL_CAP));
        else setRows((current) => prependEvents(current, [event]));
      },
      setLiveError,
    );
    return () => {
      unsubscribe();
      stopReconnect();
    };
  }, [filter, load]);

  const resume = () => {
    setRows((current) => prependEvents(current, waiting));
    setWaiting([]);
    setPaused(false);
  };

  const applyFilter = (event: FormEvent) => {
    event.preventDefault();
    const name = typed.trim();
    setFilter(name ? { event: name } : {});
  };

  return (
    <section className="events-page live-events-page">
      <div className="page-title">
        <h1>Live events</h1>
        {paused ? (
          <button type="button" onClick={resume}>
            Resume{waiting.length > 0 ? ` (${waiting.length} new)` : ''}
          </button>
        ) : (
          <button type="button" onClick={() => setPaused(true)}>
            Pause
          </button>
        )}
      </div>
      <p className="muted">
        Events as your workspace stores them, newest on top, with what each did to its person's and account's scores under the published event
        models. The list keeps the latest {TAIL_CAP}.
      </p>
      <form className="inline-form" aria-label="Filter events" onSubmit={applyFilter}>
        <label>
          Event name
          <input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="e.g. Trial Started" />
        </label>
        <button type="submit">Filter</button>
        {filter.event && (
          <button
            type="button"
            onClick={() => {
              setTyped('');
              setFilter({});
            }}
          >
            Clear filter
          </button>
        )}
      </form>
      <p className="muted" data-testid="tail-status">
        {paused ? `Paused: ${waiting.length} new event${waiting.length === 1 ? '' : 's'} waiting.` : 'Live.'} {rows.length} shown
        {filter.event ? ` (only "${filter.event}")` : ''}.
        {liveError && <span className="health-bad"> Live updates: {liveError}</span>}
      </p>
      <LoadStateNotice state={state} what="recent events" />
      {state.status === 'ready' && rows.length === 0 && <p className="muted">No event yet{filter.event ? ` named "${filter.event}"` : ''}.</p>}
      {rows.length > 0 && (
        <table className="table" aria-label="Live events">
          <thead>
            <tr>
              <th>Received</th>
              <th>Event</th>
              <th>Who</th>
              <th>Source</th>
              <th>Score effect</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((event) => (
              <tr key={event.messageId} data-testid="tail-row">
                <td title={`Happened ${formatDateTime(event.timestamp)}`}>{formatDateTime(event.receivedAt)}</td>
                <td>
                  {event.event ?? <span className="muted">{event.type}</span>}
                  {event.event && event.type !== 'track' && <span className="muted"> ({event.type})</span>}
                </td>
                <td>{actorOf(event)}</td>
                <td>{event.source ?? '—'}</td>
                <td>
                  {event.scoreEffects.length === 0
                    ? '—'
                    : event.scoreEffects.map((effect) => (
                        <div key={`${effect.subjectKind}:${effect.modelId}`} className={effect.points > 0 ? 'health-ok' : effect.points < 0 ? 'health-bad' : undefined}>
                          {formatScoreEffect(effect)}
                        </div>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
