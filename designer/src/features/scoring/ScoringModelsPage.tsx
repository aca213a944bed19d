import { useEffect, useState, type FormEvent } from 'react';
import { pqlComponentModel } from '@tripline/scoring';
import { formatDateTime } from '../../app/format';
import { Link } from '../../app/Link';
import { navigate } from '../../app/navigation';
import { pathOf } from '../../app/routes';
import { useScoringStore } from '../../store/scoring-store';
import { canEditPlaybooks, useSessionStore } from '../../store/session-store';
import { LoadStateNotice } from '../shell/LoadStateNotice';

/** The workspace's scoring models, and a form to start a new one. */
export function ScoringModelsPage() {
  const list = useScoringStore((s) => s.list);
  const state = useScoringStore((s) => s.listState);
  const canEdit = canEditPlaybooks(useSessionStore((s) => s.role));

  useEffect(() => {
    void useScoringStore.getState().loadList();
  }, []);

  return (
    <section className="scoring-models-page">
      <div className="page-title">
        <h1>Scoring models</h1>
      </div>
      {canEdit && <NewModelForm />}
      <LoadStateNotice state={state} what="scoring models" />
      {state.status === 'ready' && list.length === 0 && <p className="muted">No scoring models yet.</p>}
      {list.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Published</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {list.map((model) => (
              <tr key={model.id}>
                <td>
                  <Link href={pathOf({ name: 'scoringModel', id: model.id })}>{model.name}</Link>
                </td>
                <td>{model.kind === 'components' ? 'Component model' : 'Event rules'}</td>
                <td>{model.publishedVersion === null ? 'Never' : `v${model.publishedVersion}`}</td>
                <td>{formatDateTime(model.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NewModelForm() {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'events' | 'components'>('events');
  const [busy, setBusy] = useState(false);
  const message = useScoringStore((s) => s.message);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    setBusy(true);
    // A component model starts from the 7-factor PQL model (weights already sum to 100); an event model starts empty.
    const definition = kind === 'components' ? { ...pqlComponentModel(), name: name.trim() } : undefined;
    const created = await useScoringStore.getState().create(name.trim(), definition);
    setBusy(false);
    if (created) navigate(pathOf({ name: 'scoringModel', id: created.id }));
  };

  return (
    <form className="new-playbook" onSubmit={(event) => void submit(event)} aria-label="New scoring model">
      <input aria-label="New model name" placeholder="New model name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
      <select aria-label="New model kind" value={kind} onChange={(e) => setKind(e.target.value as 'events' | 'components')}>
        <option value="events">Event rules</option>
        <option value="components">Component model</option>
      </select>
      <button type="submit" disabled={busy || name.trim() === ''}>
        Create model
      </button>
      {message?.tone === 'error' && (
        <span className="error" role="alert">
          {message.text}
        </span>
      )}
    </form>
  );
}
