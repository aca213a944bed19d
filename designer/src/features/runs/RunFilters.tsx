import { useEffect, useState, type FormEvent } from 'react';
import { listPlaybooks } from '../../api/operations';
import type { PlaybookRecord, RunStatus } from '../../api/types';
import { useRunsStore } from '../../store/runs-store';

export const RUN_STATUSES: readonly RunStatus[] = ['pending', 'running', 'waiting', 'completed', 'failed', 'cancelled', 'compensated'];

/** Status, playbook and subject filters of the runs list (the API filters; live updates follow them). */
export function RunFilters() {
  const filter = useRunsStore((s) => s.filter);
  const [subject, setSubject] = useState(filter.subjectId);
  const [playbooks, setPlaybooks] = useState<PlaybookRecord[]>([]);

  useEffect(() => {
    let cancelled = false;
    listPlaybooks('')
      .then((list) => !cancelled && setPlaybooks(list))
      // Without the names the playbook filter offers only "All"; the list itself still loads.
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);

  const setFilter = useRunsStore.getState().setFilter;
  const applySubject = (event: FormEvent) => {
    event.preventDefault();
    void setFilter({ subjectId: subject });
  };

  return (
    <form className="run-filters" role="search" aria-label="Filter runs" onSubmit={applySubject}>
      <label>
        Status
        <select value={filter.status} onChange={(e) => void setFilter({ status: e.target.value as RunStatus | '' })}>
          <option value="">All statuses</option>
          {RUN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <label>
        Playbook
        <select value={filter.playbookId} onChange={(e) => void setFilter({ playbookId: e.target.value })}>
          <option value="">All playbooks</option>
          {playbooks.map((playbook) => (
            <option key={playbook.id} value={playbook.id}>
              {playbook.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Subject id
        <input value={subject} onChange={(e) => setSubject(e.target.value)} placeholder="person or account id" />
      </label>
      <button type="submit">Filter</button>
      {(filter.status || filter.playbookId || filter.subjectId) && (
        <button
          type="button"
          onClick={() => {
            setSubject('');
            void setFilter({ status: '', playbookId: '', subjectId: '' });
          }}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}
