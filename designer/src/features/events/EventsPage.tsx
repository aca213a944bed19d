import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { formatDateTime } from '../../app/format';
import { errorMessage } from '../../api/graphql-client';
import {
  fetchRankedSubjects,
  fetchSubjectActivity,
  listScoredModels,
  type RankedSubject,
  type ScoredModel,
  type SubjectActivity,
  type SubjectKind,
} from '../../api/ops-operations';
import { navigate } from '../../app/navigation';
import { failed, IDLE, LOADING, READY, type LoadState } from '../../store/load-state';
import { LoadStateNotice } from '../shell/LoadStateNotice';
import { formatChange, scoreEffects } from './score-effects';

/** `/events?kind=person&id=…`: the subject whose activity is open, from the URL so run pages can link here. */
function subjectFromUrl(): { kind: SubjectKind; id: string } | null {
  const params = new URLSearchParams(window.location.search);
  const kind = params.get('kind');
  const id = params.get('id');
  return (kind === 'person' || kind === 'account') && id ? { kind, id } : null;
}

export function eventsPathFor(kind: string, id: string): string | null {
  return kind === 'person' || kind === 'account' ? `/events?kind=${kind}&id=${encodeURIComponent(id)}` : null;
}

/**
 * Scored events: the API offers no feed of incoming events (no query or subscription), so this page
 * shows what it does offer — subjects ranked by a published model, and one subject's latest scored
 * events with the score after each, refreshed on demand.
 */
export function EventsPage() {
  const [subject, setSubject] = useState(subjectFromUrl);
  const open = (kind: SubjectKind, id: string) => {
    navigate(eventsPathFor(kind, id)!);
    setSubject({ kind, id });
  };
  return (
    <section className="events-page">
      <div className="page-title">
        <h1>Scored events</h1>
      </div>
      <p className="muted">
        Each subject's latest events and what they did to its score. The API has no workspace-wide event feed yet, so pick a
        subject from the ranking or by id.
      </p>
      <div className="events-layout">
        <SubjectPicker onOpen={open} />
        {subject && <SubjectActivityPanel key={`${subject.kind}:${subject.id}`} kind={subject.kind} id={subject.id} />}
      </div>
    </section>
  );
}

function SubjectPicker({ onOpen }: { onOpen: (kind: SubjectKind, id: string) => void }) {
  const [models, setModels] = useState<ScoredModel[]>([]);
  const [modelId, setModelId] = useState('');
  const [kind, setKind] = useState<SubjectKind>('account');
  const [ranked, setRanked] = useState<RankedSubject[]>([]);
  const [state, setState] = useState<LoadState>(IDLE);
  const [typedId, setTypedId] = useState('');

  useEffect(() => {
    let cancelled = false;
    listScoredModels()
      .then((all) => {
        if (cancelled) return;
        const published = all.filter((m) => m.publishedVersion !== null);
        setModels(published);
        setModelId((current) => current || published[0]?.id || '');
      })
      .catch((error: unknown) => !cancelled && setState(failed(errorMessage(error))));
    return () => {
      cancelled = true;
    };
  }, []);

  const showRanking = async (event: FormEvent) => {
    event.preventDefault();
    if (!modelId) return;
    setState(LOADING);
    try {
      setRanked(await fetchRankedSubjects(modelId, kind));
      setState(READY);
    } catch (error) {
      setState(failed(errorMessage(error)));
    }
  };

  return (
    <div className="subject-picker">
      <form className="inline-form" aria-label="Rank subjects" onSubmit={(e) => void showRanking(e)}>
        <label>
          Model
          <select value={modelId} onChange={(e) => setModelId(e.target.value)}>
            {models.length === 0 && <option value="">No published model</option>}
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Subjects
          <select value={kind} onChange={(e) => setKind(e.target.value as SubjectKind)}>
            <option value="account">Accounts</option>
            <option value="person">People</option>
          </select>
        </label>
        <button type="submit" disabled={!modelId}>
          Rank
        </button>
      </form>
      <form
        className="inline-form"
        aria-label="Open a subject by id"
        onSubmit={(e) => {
          e.preventDefault();
          if (typedId.trim()) onOpen(kind, typedId.trim());
        }}
      >
        <label>
          {kind === 'account' ? 'Account id' : 'Person id'}
          <input value={typedId} onChange={(e) => setTypedId(e.target.value)} />
        </label>
        <button type="submit">Open</button>
      </form>
      <LoadStateNotice state={state} what="subjects" />
      {state.status === 'ready' && ranked.length === 0 && <p className="muted">No subject has a score under this model yet.</p>}
      {ranked.length > 0 && (
        <table className="table" data-testid="ranked-subjects">
          <thead>
            <tr>
              <th>Subject</th>
              <th>Score</th>
              <th>Tier</th>
              <th>Last event</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((s) => (
              <tr key={s.subjectId}>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpen(s.subjectKind, s.subjectId)}>
                    {s.name ?? s.subjectId}
                  </button>
                </td>
                <td>{s.score}</td>
                <td>{s.tier ?? '—'}</td>
                <td>{formatDateTime(s.lastEventAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function SubjectActivityPanel({ kind, id }: { kind: SubjectKind; id: string }) {
  const [activity, setActivity] = useState<SubjectActivity | null>(null);
  const [state, setState] = useState<LoadState>(LOADING);

  const load = useCallback(async () => {
    setState(LOADING);
    try {
      setActivity(await fetchSubjectActivity(kind, id));
      setState(READY);
    } catch (error) {
      setState(failed(errorMessage(error)));
    }
  }, [kind, id]);
  useEffect(() => void load(), [load]);

  const title = activity ? (activity.userId ?? activity.groupId ?? id) : id;
  return (
    <div className="subject-activity" aria-label={`Activity of ${kind} ${id}`} role="region">
      <div className="page-title">
        <h2>
          {kind === 'account' ? 'Account' : 'Person'} {title}
        </h2>
        <button type="button" onClick={() => void load()} disabled={state.status === 'loading'}>
          {state.status === 'loading' ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <LoadStateNotice state={state} what="this subject's scores" />
      {activity && activity.scores.length === 0 && <p className="muted">No published model scores this subject.</p>}
      {activity?.scores.map((score) => {
        const effects = scoreEffects(score.history, score.topContributions);
        return (
          <div key={score.model.id} className="card">
            <h3>
              {score.model.name} <span className="muted">v{score.modelVersion}</span>: {score.score}
              {score.tier ? ` (${score.tier})` : ''}
            </h3>
            {effects.length === 0 ? (
              <p className="muted">No scored events.</p>
            ) : (
              <table className="table" aria-label={`Scored events under ${score.model.name}`}>
                <thead>
                  <tr>
                    <th>When</th>
                    <th>Event</th>
                    <th>Score after</th>
                    <th title="Score after this event minus the score after the previous one (includes decay)">Change</th>
                    <th>Tier</th>
                  </tr>
                </thead>
                <tbody>
                  {effects.map((e) => (
                    <tr key={e.messageId}>
                      <td>{formatDateTime(e.at)}</td>
                      <td>{e.event ?? <code title="The event no longer contributes; its message id">{e.messageId}</code>}</td>
                      <td>{e.score}</td>
                      <td className={e.change !== null && e.change > 0 ? 'health-ok' : e.change !== null && e.change < 0 ? 'health-bad' : undefined}>
                        {formatChange(e.change)}
                      </td>
                      <td>{e.tierChanged ? <strong>→ {e.tier ?? 'below tiers'}</strong> : (e.tier ?? '—')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        );
      })}
    </div>
  );
}
