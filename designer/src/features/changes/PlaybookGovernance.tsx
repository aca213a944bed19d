import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/graphql-client';
import { formatDateTime } from '../../app/format';
import { useChangesStore } from '../../store/changes-store';
import { StatusBadge } from '../shell/StatusBadge';
import { ChangeRequestView } from './ChangeRequestView';
import { SubmitForApproval } from './SubmitForApproval';
import { VersionHistory } from './VersionHistory';

export interface PlaybookGovernanceProps {
  playbookId: string;
  /** Changes whenever the playbook changes on the server (a save, a publish): reloads what is shown. */
  revision: string;
  canEdit: boolean;
  isAdmin: boolean;
}

type Tab = 'history' | 'changes';

/** Under the editor: the playbook's versions with their diffs, and its change requests. */
export function PlaybookGovernance({ playbookId, revision, canEdit, isAdmin }: PlaybookGovernanceProps) {
  const [tab, setTab] = useState<Tab>('history');
  const [selected, setSelected] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const ids = useChangesStore((s) => s.byTarget[playbookId]);
  const requests = useChangesStore((s) => s.requests);

  useEffect(() => {
    useChangesStore
      .getState()
      .loadTargetRequests(playbookId)
      .then(() => setListError(null))
      .catch((error: unknown) => setListError(errorMessage(error)));
  }, [playbookId, revision]);

  const show = (id: string) => {
    setSelected(id);
    setTab('changes');
  };
  const open = selected ? requests[selected] : undefined;

  return (
    <section className="playbook-governance" aria-label="Versions and approvals">
      <div className="tabs" role="tablist">
        <button type="button" role="tab" className={tab === 'history' ? 'tab active' : 'tab'} aria-selected={tab === 'history'} onClick={() => setTab('history')}>
          Version history
        </button>
        <button type="button" role="tab" className={tab === 'changes' ? 'tab active' : 'tab'} aria-selected={tab === 'changes'} onClick={() => setTab('changes')}>
          Change requests{ids && ids.length > 0 ? ` (${ids.length})` : ''}
        </button>
      </div>
      {tab === 'history' ? (
        <div role="tabpanel" aria-label="Version history">
          <VersionHistory playbookId={playbookId} revision={revision} canEdit={canEdit} isAdmin={isAdmin} onSubmitted={(r) => show(r.id)} />
        </div>
      ) : (
        <div role="tabpanel" aria-label="Change requests">
          {canEdit && <SubmitForApproval playbookId={playbookId} onSubmitted={(r) => show(r.id)} />}
          {listError && (
            <p className="error" role="alert">
              Could not load the change requests: {listError}
            </p>
          )}
          {ids && ids.length === 0 && <p className="muted">No change requests yet.</p>}
          {ids && ids.length > 0 && (
            <ul className="change-request-list">
              {ids.map((id) => {
                const request = requests[id];
                if (!request) return null;
                return (
                  <li key={id}>
                    <button type="button" className="link-button" aria-pressed={id === selected} onClick={() => setSelected(id)}>
                      {request.title}
                    </button>{' '}
                    <StatusBadge status={request.status} /> <span className="muted">{formatDateTime(request.requestedAt)}</span>
                  </li>
                );
              })}
            </ul>
          )}
          {open && <ChangeRequestView request={open} />}
        </div>
      )}
    </section>
  );
}
