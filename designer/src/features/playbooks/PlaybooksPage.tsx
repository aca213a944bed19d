import { useEffect } from 'react';
import { formatDateTime } from '../../app/format';
import { Link } from '../../app/Link';
import { pathOf } from '../../app/routes';
import { usePlaybooksStore } from '../../store/playbooks-store';
import { NewPlaybookForm } from './NewPlaybookForm';
import { StatusBadge } from '../shell/StatusBadge';
import { LoadStateNotice } from '../shell/LoadStateNotice';
import { runStatsText } from './run-stats-text';

const SEARCH_DELAY_MS = 250;

export function PlaybooksPage() {
  const search = usePlaybooksStore((s) => s.search);
  const setSearch = usePlaybooksStore((s) => s.setSearch);
  const list = usePlaybooksStore((s) => s.list);
  const listState = usePlaybooksStore((s) => s.listState);

  // Searching is done by the API (`playbooks(search:)`), a moment after typing stops.
  useEffect(() => {
    const timer = setTimeout(() => void usePlaybooksStore.getState().loadList(), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  return (
    <section className="playbooks-page">
      <div className="page-title">
        <h1>Playbooks</h1>
        <NewPlaybookForm />
      </div>
      <input
        type="search"
        className="search"
        placeholder="Search playbooks by name"
        aria-label="Search playbooks"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <LoadStateNotice state={listState} what="playbooks" />
      {listState.status === 'ready' && list.length === 0 && (
        <p className="empty-state">{search.trim() ? `No playbook matches "${search.trim()}".` : 'No playbooks yet. Create one from the starter.'}</p>
      )}
      {list.length > 0 && (
        <table className="table" data-testid="playbooks-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Published version</th>
              <th>Runs</th>
              <th>Last run</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {list.map((playbook) => (
              <tr key={playbook.id}>
                <td>
                  <Link href={pathOf({ name: 'playbook', id: playbook.id })}>{playbook.name}</Link>
                  {playbook.description && <div className="muted">{playbook.description}</div>}
                </td>
                <td>
                  {playbook.pendingChangeRequestId ? (
                    <Link href={pathOf({ name: 'changeRequest', id: playbook.pendingChangeRequestId })} aria-label={`${playbook.name}: pending approval, open the change request`}>
                      <StatusBadge status="pending approval" />
                    </Link>
                  ) : (
                    <StatusBadge status={playbook.status} />
                  )}
                </td>
                <td>{playbook.publishedVersion === null ? '—' : `v${playbook.publishedVersion}`}</td>
                <td className={playbook.runStats && playbook.runStats.failed > 0 ? 'has-failures' : undefined}>{runStatsText(playbook.runStats)}</td>
                <td>{playbook.runStats?.lastRunAt ? formatDateTime(playbook.runStats.lastRunAt) : '—'}</td>
                <td>{formatDateTime(playbook.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
