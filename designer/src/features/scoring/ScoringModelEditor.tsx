import type { ScoringModel } from '@tripline/scoring';
import { isDirty, useScoringStore } from '../../store/scoring-store';
import { ComponentTable } from './ComponentTable';
import { EventModelSettings } from './EventModelSettings';
import { RuleTable } from './RuleTable';
import { TierTable } from './TierTable';

/** The draft of one scoring model: its tables, save / validate / publish, and the problems found. */
export function ScoringModelEditor({ canEdit }: { canEdit: boolean }) {
  const draft = useScoringStore((s) => s.draft);
  const busy = useScoringStore((s) => s.busy);
  const message = useScoringStore((s) => s.message);
  const problems = useScoringStore((s) => s.problems);
  const dirty = useScoringStore(isDirty);
  if (!draft) return null;
  const store = useScoringStore.getState();
  const edit = (next: ScoringModel) => store.edit(() => next);
  const readOnly = !canEdit;

  return (
    <div className="scoring-editor">
      <div className="toolbar" role="toolbar" aria-label="Scoring model actions">
        <label className="inline-field">
          Name{' '}
          <input value={draft.name ?? ''} readOnly={readOnly} onChange={(event) => store.edit((m) => ({ ...m, name: event.target.value }))} />
        </label>
        <span className="toolbar-gap" />
        {dirty && <span className="unsaved">Unsaved changes</span>}
        <button type="button" onClick={() => void store.validate()} disabled={busy !== null}>
          {busy === 'validate' ? 'Validating…' : 'Validate'}
        </button>
        {canEdit && (
          <>
            <button type="button" onClick={() => void store.save()} disabled={busy !== null || !dirty}>
              {busy === 'save' ? 'Saving…' : 'Save draft'}
            </button>
            <button type="button" onClick={() => void store.publish()} disabled={busy !== null}>
              {busy === 'publish' ? 'Publishing…' : 'Publish'}
            </button>
          </>
        )}
      </div>
      {message && (
        <p className={message.tone === 'ok' ? 'success' : 'error'} role={message.tone === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {problems && problems.length > 0 && (
        <div className="problems" data-testid="scoring-problems">
          <h3>
            {problems.length} problem{problems.length === 1 ? '' : 's'}
          </h3>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>
                {problem.message} <span className="problem-code">{problem.code}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {draft.kind === 'events' ? (
        <>
          <RuleTable model={draft} onChange={edit} readOnly={readOnly} />
          <EventModelSettings model={draft} onChange={edit} readOnly={readOnly} />
        </>
      ) : (
        <ComponentTable model={draft} onChange={edit} readOnly={readOnly} />
      )}
      <TierTable tiers={draft.tiers} onChange={(tiers) => store.edit((m) => ({ ...m, tiers }))} readOnly={readOnly} />
    </div>
  );
}
