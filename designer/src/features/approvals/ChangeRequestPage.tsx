import { useEffect } from 'react';
import { Link } from '../../app/Link';
import { useChangesStore } from '../../store/changes-store';
import { ChangeRequestView } from '../changes/ChangeRequestView';
import { LoadStateNotice } from '../shell/LoadStateNotice';

/**
 * One change request. Opened from an approval email, the URL carries the signed link's `token`: the
 * API checks it is this user's and unexpired (`openChangeRequestLink`), and says so when it is not.
 */
export function ChangeRequestPage({ id, token }: { id: string; token: string | null }) {
  const request = useChangesStore((s) => s.requests[id]);
  const state = useChangesStore((s) => s.requestState[id]);

  useEffect(() => void useChangesStore.getState().loadRequest(id, token), [id, token]);

  return (
    <section className="change-request-page">
      <p>
        <Link href="/approvals">← Approvals</Link>
      </p>
      {state?.status === 'error' ? (
        <div className="empty-state">
          <h1>{token ? 'This approval link cannot be opened' : 'Change request not available'}</h1>
          <p className="error" role="alert">
            {state.message}
          </p>
          <p>
            <Link href="/approvals">Open the approvals inbox</Link>
          </p>
        </div>
      ) : request ? (
        <ChangeRequestView request={request} />
      ) : (
        <LoadStateNotice state={state ?? { status: 'loading' }} what="the change request" />
      )}
    </section>
  );
}
