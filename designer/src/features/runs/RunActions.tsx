import { useState } from 'react';
import { errorMessage } from '../../api/graphql-client';
import { cancelRun, resetRun, retryRun, type RunAction } from '../../api/ops-operations';
import type { Role, Run } from '../../api/types';
import { useRunsStore } from '../../store/runs-store';
import { useSessionStore } from '../../store/session-store';

/** Which run states each operator action accepts (as the API's run-operations service does). */
const ACCEPTS: Record<RunAction, readonly Run['status'][]> = {
  retry: ['failed', 'cancelled'],
  cancel: ['pending', 'running', 'waiting'],
  reset: ['failed', 'cancelled', 'running', 'waiting'],
};

export function canOperateRuns(role: Role | null): boolean {
  return role === 'operator' || role === 'admin';
}

/** Retry, cancel and reset (to the start or to a step the run reached): operators and admins only. */
export function RunActions({ run }: { run: Run }) {
  const role = useSessionStore((s) => s.role);
  const [busy, setBusy] = useState<RunAction | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [toStep, setToStep] = useState('');

  if (!canOperateRuns(role)) return null;

  const stepIds = [...new Set(run.steps.map((s) => s.stepId))];
  const act = async (action: RunAction) => {
    setBusy(action);
    setMessage(null);
    try {
      const updated =
        action === 'retry' ? await retryRun(run.id) : action === 'cancel' ? await cancelRun(run.id) : await resetRun(run.id, toStep || undefined);
      useRunsStore.getState().applyRunUpdate(updated);
      const done = { retry: 'Retry started.', cancel: 'Cancel requested; the run compensates what it did.', reset: 'Reset started.' };
      setMessage({ kind: 'ok', text: done[action] });
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };
  const disabled = (action: RunAction) => busy !== null || !ACCEPTS[action].includes(run.status);

  return (
    <div className="run-actions" role="group" aria-label="Run actions">
      <button type="button" onClick={() => void act('retry')} disabled={disabled('retry')}>
        {busy === 'retry' ? 'Retrying…' : 'Retry'}
      </button>
      <button type="button" onClick={() => void act('cancel')} disabled={disabled('cancel')}>
        {busy === 'cancel' ? 'Cancelling…' : 'Cancel run'}
      </button>
      <label>
        Reset to
        <select value={toStep} onChange={(e) => setToStep(e.target.value)} disabled={busy !== null}>
          <option value="">the start</option>
          {stepIds.map((id) => (
            <option key={id} value={id}>
              step {id}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void act('reset')} disabled={disabled('reset')}>
        {busy === 'reset' ? 'Resetting…' : 'Reset'}
      </button>
      {message && (
        <span className={message.kind === 'error' ? 'error' : 'muted'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
