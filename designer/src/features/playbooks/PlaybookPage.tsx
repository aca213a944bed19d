import { useEffect } from 'react';
import { formatDateTime } from '../../app/format';
import { Link } from '../../app/Link';
import { pathOf } from '../../app/routes';
import { useDraftEditorStore } from '../../store/draft-editor-store';
import { usePlaybooksStore } from '../../store/playbooks-store';
import { canEditPlaybooks, useSessionStore } from '../../store/session-store';
import { PlaybookGovernance } from '../changes/PlaybookGovernance';
import { PlaybookEditor } from '../editor/PlaybookEditor';
import { LoadStateNotice } from '../shell/LoadStateNotice';
import { ReadOnlyNotice } from '../shell/ReadOnlyNotice';
import { StatusBadge } from '../shell/StatusBadge';

export function PlaybookPage({ id }: { id: string }) {
  const playbook = usePlaybooksStore((s) => (s.current?.id === id ? s.current : null));
  const state = usePlaybooksStore((s) => s.currentState);
  const role = useSessionStore((s) => s.role);

  useEffect(() => {
    void usePlaybooksStore.getState().loadPlaybook(id);
  }, [id]);

  // (Re)open the editor on the stored draft whenever it changes on the server (a reload, a save).
  const playbookId = playbook?.id;
  const updatedAt = playbook?.updatedAt;
  useEffect(() => {
    const current = usePlaybooksStore.getState().current;
    if (current && current.id === playbookId) useDraftEditorStore.getState().open(current);
  }, [playbookId, updatedAt]);

  if (!playbook) return <LoadStateNotice state={state.status === 'error' ? state : { status: 'loading' }} what="the playbook" />;

  return (
    <section className="playbook-page">
      <div className="page-title">
        <h1>{playbook.name}</h1>
        <StatusBadge status={playbook.status} />
        <span className="muted">
          {playbook.publishedVersion === null ? 'Never published' : `Published v${playbook.publishedVersion}`} · updated{' '}
          {formatDateTime(playbook.updatedAt)}
        </span>
        {canEditPlaybooks(role) && <Link href={pathOf({ name: 'playbookBacktest', id: playbook.id })}>Backtest the trigger</Link>}
      </div>
      {!canEditPlaybooks(role) && <ReadOnlyNotice role={role} />}
      <PlaybookEditor playbookId={playbook.id} canEdit={canEditPlaybooks(role)} />
      <PlaybookGovernance playbookId={playbook.id} revision={`${playbook.updatedAt}#${playbook.publishedVersion ?? 0}`} canEdit={canEditPlaybooks(role)} isAdmin={role === 'admin'} />
    </section>
  );
}
