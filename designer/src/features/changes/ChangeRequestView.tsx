import { useEffect, useState } from 'react';
import type { Playbook } from '@tripline/playbook';
import { decideChangeRequest, recallChangeRequest, resubmitChangeRequest, type ChangeRequest } from '../../api/changes-operations';
import { errorMessage } from '../../api/graphql-client';
import { formatDateTime } from '../../app/format';
import { useChangesStore } from '../../store/changes-store';
import { StatusBadge } from '../shell/StatusBadge';
import { DecisionForm } from './DecisionForm';
import { DiffView } from './DiffView';
import { ImpactSummary } from './ImpactSummary';

const userName = (user: { name: string | null; email: string } | null) => (user ? user.name || user.email : 'someone');

/** A change request as its approvers see it: what changes, what it would do, who has approved so far. */
export function ChangeRequestView({ request }: { request: ChangeRequest }) {
  const put = useChangesStore((s) => s.put);
  const [busy, setBusy] = useState<'recall' | 'resubmit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const before = useBaseDocument(request);

  const act = async (what: 'recall' | 'resubmit') => {
    setBusy(what);
    setError(null);
    try {
      put(what === 'recall' ? await recallChangeRequest(request.id) : await resubmitChangeRequest(request.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const decide = async (decision: 'APPROVE' | 'REJECT', comment: string) => {
    put(await decideChangeRequest({ id: request.id, attempt: request.attempt, decision, ...(comment ? { comment } : {}) }));
  };

  const isPlaybook = request.targetKind === 'playbook';
  return (
    <article className="change-request" aria-label={`Change request: ${request.title}`}>
      <header className="page-title">
        <h2>{request.title}</h2>
        <StatusBadge status={request.status} />
      </header>
      <p className="muted">
        {request.targetName} · requested by {userName(request.requester)} on {formatDateTime(request.requestedAt)}
        {request.attempt > 1 && ` · attempt ${request.attempt}`}
        {request.baseVersion !== null && ` · based on v${request.baseVersion}`}
        {request.rollbackToVersion !== null && ` · rolls back to v${request.rollbackToVersion}`}
        {request.publishedVersion !== null && ` · published as v${request.publishedVersion}`}
      </p>
      {request.reason && <p className="change-reason">{request.reason}</p>}
      {request.closedReason && <p className="warning">{request.closedReason}</p>}

      <section aria-label="Approval levels">
        <h3>Approvals</h3>
        {request.levels.length === 0 ? (
          <p className="muted">No approval level applies.</p>
        ) : (
          <ol className="approval-levels">
            {request.levels.map((level) => (
              <li key={level.position} className={`level-${level.state}`}>
                <strong>{level.name}</strong> <span className="muted">({level.state})</span>{' '}
                <progress max={level.required} value={Math.min(level.approvals, level.required)} aria-label={`${level.name} approvals`} />{' '}
                {level.approvals} of {level.required}
                {level.escalated && <span className="warning"> escalated</span>}
                {level.state === 'open' && level.eligibleApprovers.length > 0 && (
                  <span className="muted"> · {level.eligibleApprovers.map(userName).join(', ')}</span>
                )}
              </li>
            ))}
          </ol>
        )}
        {request.decisions.length > 0 && (
          <ul className="decisions">
            {request.decisions.map((d) => (
              <li key={d.id}>
                {formatDateTime(d.at)}: {userName(d.decidedBy)} {d.decision === 'APPROVE' ? 'approved' : 'rejected'}
                {d.levelName && ` (${d.levelName})`}
                {d.attempt !== request.attempt && ` — attempt ${d.attempt}`}
                {d.comment && `: “${d.comment}”`}
              </li>
            ))}
          </ul>
        )}
      </section>

      {(request.canRecall || request.canResubmit) && (
        <div className="toolbar">
          {request.canRecall && (
            <button type="button" disabled={busy !== null} onClick={() => void act('recall')}>
              {busy === 'recall' ? 'Recalling…' : 'Recall'}
            </button>
          )}
          {request.canResubmit && (
            <button type="button" disabled={busy !== null} onClick={() => void act('resubmit')}>
              {busy === 'resubmit' ? 'Resubmitting…' : 'Resubmit'}
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {request.canDecide && request.status === 'pending' && <DecisionForm onDecide={decide} />}

      <ImpactSummary impact={request.impact} />
      <DiffView diff={request.diff} before={before} after={isPlaybook ? (request.proposed as Playbook) : null} />
    </article>
  );
}

/** The playbook version the proposal is compared with, from the playbook's history (null: a first publish). */
function useBaseDocument(request: ChangeRequest): Playbook | null {
  const { targetId, targetKind, baseVersion } = request;
  const wanted = targetKind === 'playbook' && baseVersion !== null;
  const history = useChangesStore((s) => (wanted ? s.histories[targetId] : undefined));
  useEffect(() => {
    if (wanted && !useChangesStore.getState().histories[targetId]) void useChangesStore.getState().loadHistory(targetId);
  }, [wanted, targetId]);
  const version = history?.versions.find((v) => v.version === baseVersion);
  return (version?.definition as Playbook | undefined) ?? null;
}
