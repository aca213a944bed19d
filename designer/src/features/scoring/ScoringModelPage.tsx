import { useEffect, useState } from 'react';
import type { Tier } from '@tripline/scoring';
import { formatDateTime } from '../../app/format';
import { isDirty, useScoringStore } from '../../store/scoring-store';
import { canEditPlaybooks, useSessionStore } from '../../store/session-store';
import { BacktestPanel } from '../backtest/BacktestPanel';
import { LoadStateNotice } from '../shell/LoadStateNotice';
import { ScoringModelEditor } from './ScoringModelEditor';

type Tab = 'edit' | 'backtest' | 'versions';

/** One empty list, so the selector's answer is stable when there is no draft. */
const NO_TIERS: readonly Tier[] = [];

export function ScoringModelPage({ id }: { id: string }) {
  const model = useScoringStore((s) => (s.current?.id === id ? s.current : null));
  const state = useScoringStore((s) => s.currentState);
  const tiers = useScoringStore((s) => s.draft?.tiers ?? NO_TIERS);
  const dirty = useScoringStore(isDirty);
  const canEdit = canEditPlaybooks(useSessionStore((s) => s.role));
  const [tab, setTab] = useState<Tab>('edit');

  useEffect(() => {
    void useScoringStore.getState().load(id);
  }, [id]);

  if (!model) return <LoadStateNotice state={state.status === 'error' ? state : { status: 'loading' }} what="the scoring model" />;

  return (
    <section className="scoring-model-page">
      <div className="page-title">
        <h1>{model.name}</h1>
        <span className="muted">
          {model.kind === 'components' ? 'Component model' : 'Event rules'} · {model.publishedVersion === null ? 'never published' : `published v${model.publishedVersion}`} · id{' '}
          <code>{model.id}</code>
        </span>
      </div>
      <div className="tabs" role="tablist" aria-label="Scoring model views">
        {(
          [
            ['edit', 'Model'],
            // Backtests are for editors and admins (the API refuses other roles).
            ...(canEdit ? ([['backtest', 'Backtest']] as const) : []),
            ['versions', `Versions (${model.versions.length})`],
          ] as const
        ).map(([value, label]) => (
          <button key={value} type="button" role="tab" className="tab" aria-selected={tab === value} onClick={() => setTab(value)}>
            {label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel">
        {tab === 'edit' && <ScoringModelEditor canEdit={canEdit} />}
        {tab === 'backtest' && canEdit && <BacktestPanel modelId={model.id} tiers={tiers} unsaved={dirty} />}
        {tab === 'versions' &&
          (model.versions.length === 0 ? (
            <p className="muted">No published versions yet.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Published</th>
                </tr>
              </thead>
              <tbody>
                {model.versions.map((v) => (
                  <tr key={v.id}>
                    <td>v{v.version}</td>
                    <td>{formatDateTime(v.publishedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
      </div>
    </section>
  );
}
