import { useEffect } from 'react';
import { Link } from '../../app/Link';
import { pathOf } from '../../app/routes';
import { usePlaybooksStore } from '../../store/playbooks-store';
import { canEditPlaybooks, useSessionStore } from '../../store/session-store';
import { LoadStateNotice } from '../shell/LoadStateNotice';
import { BacktestPanel } from './BacktestPanel';

/** A playbook's draft trigger backtested against its published trigger. */
export function PlaybookBacktestPage({ playbookId }: { playbookId: string }) {
  const playbook = usePlaybooksStore((s) => (s.current?.id === playbookId ? s.current : null));
  const state = usePlaybooksStore((s) => s.currentState);
  const canEdit = canEditPlaybooks(useSessionStore((s) => s.role));

  useEffect(() => {
    if (usePlaybooksStore.getState().current?.id !== playbookId) void usePlaybooksStore.getState().loadPlaybook(playbookId);
  }, [playbookId]);

  if (!playbook) return <LoadStateNotice state={state.status === 'error' ? state : { status: 'loading' }} what="the playbook" />;
  return (
    <section className="playbook-backtest-page">
      <div className="page-title">
        <h1>Trigger backtest: {playbook.name}</h1>
        <Link href={pathOf({ name: 'playbook', id: playbook.id })}>Back to the playbook</Link>
      </div>
      {canEdit ? <BacktestPanel playbookId={playbook.id} /> : <p className="muted">Backtests are for editors and admins.</p>}
    </section>
  );
}
