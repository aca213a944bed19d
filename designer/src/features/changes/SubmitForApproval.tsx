import { useState, type FormEvent } from 'react';
import { submitChangeRequest, type ChangeRequest } from '../../api/changes-operations';
import { errorMessage } from '../../api/graphql-client';
import { useEditorStore } from '../../store/editor-store';
import { useChangesStore } from '../../store/changes-store';
import { usePlaybooksStore } from '../../store/playbooks-store';

/** Proposes the saved draft for publishing through the workspace's approval policy. */
export function SubmitForApproval({ playbookId, onSubmitted }: { playbookId: string; onSubmitted: (request: ChangeRequest) => void }) {
  const [title, setTitle] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const unsaved = useEditorStore((s) => s.playbookId === playbookId && s.dirty);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const request = await submitChangeRequest({
        kind: 'publishPlaybook',
        targetId: playbookId,
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      useChangesStore.getState().put(request);
      setTitle('');
      setReason('');
      onSubmitted(request);
      // No level applied: the draft went live at once.
      if (request.status === 'published') void usePlaybooksStore.getState().loadPlaybook(playbookId);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="submit-change" onSubmit={(e) => void submit(e)} aria-label="Submit for approval">
      <label>
        Title
        <input value={title} maxLength={200} placeholder="Named after the change when empty" onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        Why
        <textarea value={reason} maxLength={2000} rows={2} onChange={(e) => setReason(e.target.value)} />
      </label>
      {unsaved && <p className="warning">The draft has unsaved changes: only the saved draft is submitted.</p>}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Submitting…' : 'Submit for approval'}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
