import { decideApproval, type ApprovalRequest } from '../../api/changes-operations';
import { formatDateTime, formatJson } from '../../app/format';
import { Link } from '../../app/Link';
import { pathOf } from '../../app/routes';
import { useChangesStore } from '../../store/changes-store';
import { DecisionForm } from '../changes/DecisionForm';
import { StatusBadge } from '../shell/StatusBadge';

const userName = (user: { name: string | null; email: string } | null) => (user ? user.name || user.email : '—');

/** A run waiting at an approval gate: who and what it is about, and the decision. */
export function ApprovalGateDetail({ gate }: { gate: ApprovalRequest }) {
  const decide = async (decision: 'APPROVE' | 'REJECT', comment: string) => {
    useChangesStore.getState().putGate(await decideApproval({ id: gate.id, decision, ...(comment ? { comment } : {}) }));
  };
  return (
    <article className="approval-gate" aria-label={`Approval gate: ${gate.stepLabel ?? gate.stepId}`}>
      <header className="page-title">
        <h2>{gate.stepLabel ?? gate.stepId}</h2>
        <StatusBadge status={gate.status.toLowerCase()} />
      </header>
      <p className="muted">
        {gate.playbookName} v{gate.playbookVersion} · <Link href={pathOf({ name: 'run', id: gate.runId })}>run {gate.runId}</Link> · due{' '}
        {formatDateTime(gate.dueAt)}
      </p>
      <dl className="impact-figures">
        <dt>Subject</dt>
        <dd>{gate.subject}</dd>
        <dt>Requested by</dt>
        <dd>{userName(gate.requester)}</dd>
        <dt>Approvers</dt>
        <dd>{gate.approvers.map(userName).join(', ') || '—'}</dd>
        {gate.decision && (
          <>
            <dt>Decision</dt>
            <dd>
              {gate.decision === 'APPROVE' ? 'Approved' : 'Rejected'} by {userName(gate.decidedBy)} {formatDateTime(gate.decidedAt)}
              {gate.comment && `: “${gate.comment}”`}
            </dd>
          </>
        )}
      </dl>
      <details>
        <summary>Run context</summary>
        <pre className="json-view">{formatJson(gate.summary)}</pre>
      </details>
      {gate.canDecide && gate.status === 'PENDING' && <DecisionForm onDecide={decide} />}
    </article>
  );
}
