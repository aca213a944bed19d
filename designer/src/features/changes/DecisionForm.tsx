import { useState } from 'react';
import type { ApprovalDecision } from '../../api/changes-operations';
import { errorMessage } from '../../api/graphql-client';

/** Approve or reject with an optional comment; the server's refusal is shown as it says it. */
export function DecisionForm({ onDecide }: { onDecide: (decision: ApprovalDecision, comment: string) => Promise<void> }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<ApprovalDecision | null>(null);
  const [error, setError] = useState<string | null>(null);

  const decide = async (decision: ApprovalDecision) => {
    setBusy(decision);
    setError(null);
    try {
      await onDecide(decision, comment.trim());
      setComment('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="decision-form">
      <label>
        Comment
        <textarea value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} rows={3} />
      </label>
      <div className="toolbar">
        <button type="button" className="primary" disabled={busy !== null} onClick={() => void decide('APPROVE')}>
          {busy === 'APPROVE' ? 'Approving…' : 'Approve'}
        </button>
        <button type="button" className="danger" disabled={busy !== null} onClick={() => void decide('REJECT')}>
          {busy === 'REJECT' ? 'Rejecting…' : 'Reject'}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
