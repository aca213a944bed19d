import { useEffect } from 'react';
import { formatDateTime } from '../../app/format';
import { Link } from '../../app/Link';
import { pathOf } from '../../app/routes';
import { useRunsStore } from '../../store/runs-store';
import { LoadStateNotice } from '../shell/LoadStateNotice';
import { StatusBadge } from '../shell/StatusBadge';
import { LiveIndicator } from './LiveIndicator';
import { RunFilters } from './RunFilters';
import { useLiveRuns } from './use-live-runs';

const reloadList = () => void useRunsStore.getState().loadList();

export function RunsPage() {
  const list = useRunsStore((s) => s.list);
  const listState = useRunsStore((s) => s.listState);
  const filtered = useRunsStore((s) => s.filter.status !== '' || s.filter.playbookId !== '' || s.filter.subjectId.trim() !== '');

  useEffect(reloadList, []);
  useLiveRuns({}, reloadList);

  return (
    <section className="runs-page">
      <div className="page-title">
        <h1>Runs</h1>
        <LiveIndicator />
      </div>
      <RunFilters />
      <LoadStateNotice state={listState} what="runs" />
      {listState.status === 'ready' && list.length === 0 && filtered && <p className="empty-state">No run matches these filters.</p>}
      {listState.status === 'ready' && list.length === 0 && !filtered && (
        <p className="empty-state">No runs yet. Publish a playbook and send its trigger event; runs appear here as they start.</p>
      )}
      {list.length > 0 && (
        <table className="table" data-testid="runs-table">
          <thead>
            <tr>
              <th>Status</th>
              <th>Playbook</th>
              <th>Subject</th>
              <th>Started</th>
              <th>Temporal</th>
            </tr>
          </thead>
          <tbody>
            {list.map((run) => (
              <tr key={run.id} data-run-id={run.id}>
                <td>
                  <Link href={pathOf({ name: 'run', id: run.id })} aria-label={`Run ${run.id}`}>
                    <StatusBadge status={run.status} />
                  </Link>
                </td>
                <td>
                  <Link href={pathOf({ name: 'run', id: run.id })}>{run.playbookName}</Link>{' '}
                  <span className="muted">v{run.playbookVersion}</span>
                </td>
                <td>
                  <span className="muted">{run.subjectKind}</span> {run.subjectId}
                </td>
                <td>{formatDateTime(run.startedAt)}</td>
                <td>
                  <a href={run.temporalUiUrl} target="_blank" rel="noreferrer">
                    Temporal UI ↗
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
