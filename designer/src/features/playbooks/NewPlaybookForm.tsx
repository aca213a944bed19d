import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/graphql-client';
import { navigate } from '../../app/navigation';
import { pathOf } from '../../app/routes';
import { usePlaybooksStore } from '../../store/playbooks-store';
import { canEditPlaybooks, useSessionStore } from '../../store/session-store';
import { starterPlaybook } from './starter-playbook';

/** "New playbook": asks for a name, creates it from the starter definition, opens it. */
export function NewPlaybookForm() {
  const role = useSessionStore((s) => s.role);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('Demo request follow-up');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!canEditPlaybooks(role)) {
    return (
      <button type="button" disabled title={`Your role (${role ?? 'none'}) cannot create playbooks`}>
        New playbook
      </button>
    );
  }
  if (!open) {
    return (
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        New playbook
      </button>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Give the playbook a name.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const id = await usePlaybooksStore.getState().create(trimmed, starterPlaybook(trimmed));
      navigate(pathOf({ name: 'playbook', id }));
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <form className="new-playbook" onSubmit={submit}>
      <input aria-label="New playbook name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create'}
      </button>
      <button type="button" onClick={() => setOpen(false)} disabled={busy}>
        Cancel
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
