import { useEffect, useState } from 'react';
import { formatDateTime } from '../../app/format';
import { Link } from '../../app/Link';
import { pathOf } from '../../app/routes';
import { useChangesStore } from '../../store/changes-store';
import { LoadStateNotice } from '../shell/LoadStateNotice';
import { StatusBadge } from '../shell/StatusBadge';
import { ApprovalGateDetail } from './ApprovalGateDetail';

/** The approver's inbox: pending change requests and runs waiting at approval gates. */
export function ApprovalsPage() {
  const state = useChangesStore((s) => s.inboxState);
  const inbox = useChangesStore((s) => s.inbox);
  const requests = useChangesStore((s) => s.requests);
  const [gateId, setGateId] = useState<string | null>(null);

  useEffect(() => void useChangesStore.getState().loadInbox(), []);
  const gate = inbox.gates.find((g) => g.id === gateId);

  return (
    <section className="approvals-page">
      <div className="page-title">
        <h1>Approvals</h1>
        <button type="button" onClick={() => void useChangesStore.getState().loadInbox()}>
          Refresh
        </button>
      </div>
      <LoadStateNotice state={state} what="the approvals inbox" />
      <section aria-label="Change requests">
        <h2>Change requests</h2>
        {state.status === 'ready' && inbox.changeRequests.length === 0 && <p className="muted">No change request is waiting.</p>}
        {inbox.changeRequests.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Target</th>
                <th scope="col">Requested</th>
                <th scope="col">Level</th>
              </tr>
            </thead>
            <tbody>
              {inbox.changeRequests.map((id) => {
                const request = requests[id];
                if (!request) return null;
                const level = request.levels[request.currentLevel];
                return (
                  <tr key={id}>
                    <td>
                      <Link href={pathOf({ name: 'changeRequest', id })}>{request.title}</Link>{' '}
                      {request.canDecide && <span className="badge status-waiting">your decision</span>}
                    </td>
                    <td>{request.targetName}</td>
                    <td>
                      {formatDateTime(request.requestedAt)}
                      {request.requester && <span className="muted"> by {request.requester.name || request.requester.email}</span>}
                    </td>
                    <td>{level ? `${level.name}: ${level.approvals} of ${level.required}` : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <section aria-label="Approval gates">
        <h2>Runs waiting for approval</h2>
        {state.status === 'ready' && inbox.gates.length === 0 && <p className="muted">No run is waiting at an approval gate.</p>}
        {inbox.gates.length > 0 && (
          <ul className="gate-list">
            {inbox.gates.map((g) => (
              <li key={g.id}>
                <button type="button" className="link-button" aria-pressed={g.id === gateId} onClick={() => setGateId(g.id)}>
                  {g.playbookName}: {g.stepLabel ?? g.stepId} — {g.subject}
                </button>{' '}
                <StatusBadge status={g.status.toLowerCase()} /> <span className="muted">due {formatDateTime(g.dueAt)}</span>
              </li>
            ))}
          </ul>
        )}
        {gate && <ApprovalGateDetail gate={gate} />}
      </section>
    </section>
  );
}
