import { useEffect, useMemo } from 'react';
import { formatDateTime } from '../../app/format';
import { PlaybookCanvas } from '../../canvas/PlaybookCanvas';
import type { FlowOverlay } from '../../canvas/to-flow';
import { useDraftEditorStore } from '../../store/draft-editor-store';
import { usePlaybooksStore } from '../../store/playbooks-store';
import { canEditPlaybooks, useSessionStore } from '../../store/session-store';
import { LoadStateNotice } from '../shell/LoadStateNotice';
import { StatusBadge } from '../shell/StatusBadge';
import { DraftEditor } from './DraftEditor';

export function PlaybookPage({ id }: { id: string }) {
  const playbook = usePlaybooksStore((s) => (s.current?.id === id ? s.current : null));
  const state = usePlaybooksStore((s) => s.currentState);
  const role = useSessionStore((s) => s.role);
  const drawn = useDraftEditorStore((s) => (s.playbookId === id ? s.drawn : null));
  const problems = useDraftEditorStore((s) => s.problems);

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

  const overlay = useMemo<FlowOverlay>(() => ({ problems: problems ?? [] }), [problems]);

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
      </div>
      <div className="playbook-workspace">
        {drawn ? <PlaybookCanvas playbook={drawn} overlay={overlay} /> : <div className="canvas empty-state">Nothing to draw yet.</div>}
        <DraftEditor canEdit={canEditPlaybooks(role)} />
      </div>
    </section>
  );
}
