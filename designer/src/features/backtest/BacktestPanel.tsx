import { useEffect, useState } from 'react';
import type { Tier } from '@tripline/scoring';
import { errorMessage } from '../../api/graphql-client';
import { listPlaybooks } from '../../api/operations';
import { runBacktest, type BacktestResultRecord } from '../../api/scoring-operations';
import type { PlaybookRecord } from '../../api/types';
import { useScoringStore } from '../../store/scoring-store';
import { buildBacktestRequest, defaultForm, type BacktestForm, type TriggerChoice } from './backtest-form';
import { BacktestResults } from './BacktestResults';

interface Props {
  /** From the scoring model editor: this model's saved draft against its published version. */
  modelId?: string;
  tiers?: readonly Tier[];
  /** From a playbook: its draft trigger against its published trigger. */
  playbookId?: string;
  /** The model on screen has unsaved edits (a backtest reads the saved draft). */
  unsaved?: boolean;
}

/** Replays a draft model and trigger over stored history: fires per day, tier mix, precision / recall / lift, who changes. */
export function BacktestPanel({ modelId, tiers = [], playbookId, unsaved = false }: Props) {
  const models = useScoringStore((s) => s.list);
  const [playbooks, setPlaybooks] = useState<PlaybookRecord[]>([]);
  const [form, setForm] = useState<BacktestForm>(() =>
    defaultForm(Date.now(), {
      modelId: modelId ?? '',
      trigger: playbookId ? { kind: 'playbook', playbookId } : tiers.length > 0 ? { kind: 'tier', tier: tiers.at(-1)!.name } : null,
      subject: modelId && useScoringStore.getState().current?.kind === 'components' ? 'account' : 'person',
    }),
  );
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<BacktestResultRecord | null>(null);

  useEffect(() => {
    if (!modelId && useScoringStore.getState().listState.status === 'idle') void useScoringStore.getState().loadList();
    if (!playbookId) {
      listPlaybooks('')
        .then(setPlaybooks)
        .catch(() => setPlaybooks([]));
    }
  }, [modelId, playbookId]);

  const set = (patch: Partial<BacktestForm>) => setForm((f) => ({ ...f, ...patch }));
  const triggerValue = triggerKey(form.trigger);

  const run = async () => {
    const built = buildBacktestRequest(form);
    if (!built.ok) {
      setError(built.error);
      return;
    }
    setRunning(true);
    setError(null);
    try {
      setResult(await runBacktest(built.request));
    } catch (e) {
      setError(errorMessage(e));
      setResult(null);
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className="backtest-panel" aria-labelledby="backtest-heading">
      <h2 id="backtest-heading">Backtest</h2>
      <p className="muted">
        Replays the saved draft over stored events (no side effects) and compares it with the published version.
        {unsaved && <strong> Save the draft to include your latest edits.</strong>}
      </p>
      <form
        className="backtest-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <label>
          From <input type="date" value={form.from} onChange={(e) => set({ from: e.target.value })} required />
        </label>
        <label>
          To <input type="date" value={form.to} onChange={(e) => set({ to: e.target.value })} required />
        </label>
        <label>
          Subjects{' '}
          <select value={form.subject} onChange={(e) => set({ subject: e.target.value as BacktestForm['subject'] })}>
            <option value="person">People</option>
            <option value="account">Accounts</option>
          </select>
        </label>
        {!modelId && (
          <label>
            Scoring model{' '}
            <select value={form.modelId} onChange={(e) => set({ modelId: e.target.value })}>
              <option value="">Choose a model…</option>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {!playbookId && (
          <label>
            Fires when{' '}
            <select value={triggerValue} onChange={(e) => set({ trigger: triggerFromKey(e.target.value, form.trigger) })}>
              <option value="">Choose…</option>
              {tiers.map((tier) => (
                <option key={tier.name} value={`tier:${tier.name}`}>
                  Entering tier {tier.name}
                </option>
              ))}
              <option value="threshold">Score reaches a threshold</option>
              {playbooks.map((p) => (
                <option key={p.id} value={`playbook:${p.id}`}>
                  Trigger of playbook {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {form.trigger?.kind === 'threshold' && (
          <label>
            Threshold{' '}
            <input
              inputMode="decimal"
              value={String(form.trigger.threshold)}
              onChange={(e) => set({ trigger: { kind: 'threshold', threshold: Number(e.target.value) || 0 } })}
            />
          </label>
        )}
        <label>
          Outcome{' '}
          <select value={form.outcomeKind} onChange={(e) => set({ outcomeKind: e.target.value as BacktestForm['outcomeKind'] })}>
            <option value="event">An event happened</option>
            <option value="trait">A trait has a value</option>
          </select>
        </label>
        {form.outcomeKind === 'event' ? (
          <label>
            Outcome event <input value={form.outcomeEvent} placeholder="Subscription Started" onChange={(e) => set({ outcomeEvent: e.target.value })} />
          </label>
        ) : (
          <>
            <label>
              Outcome trait <input value={form.outcomeTrait} placeholder="plan" onChange={(e) => set({ outcomeTrait: e.target.value })} />
            </label>
            <label>
              Equals <input value={form.outcomeEquals} placeholder="paid" onChange={(e) => set({ outcomeEquals: e.target.value })} />
            </label>
          </>
        )}
        <button type="submit" disabled={running}>
          {running ? 'Running…' : 'Run backtest'}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && <BacktestResults result={result} />}
    </section>
  );
}

function triggerKey(trigger: TriggerChoice | null): string {
  if (!trigger) return '';
  if (trigger.kind === 'tier') return `tier:${trigger.tier}`;
  if (trigger.kind === 'playbook') return `playbook:${trigger.playbookId}`;
  return 'threshold';
}

function triggerFromKey(key: string, previous: TriggerChoice | null): TriggerChoice | null {
  if (key.startsWith('tier:')) return { kind: 'tier', tier: key.slice(5) };
  if (key.startsWith('playbook:')) return { kind: 'playbook', playbookId: key.slice(9) };
  if (key === 'threshold') return { kind: 'threshold', threshold: previous?.kind === 'threshold' ? previous.threshold : 70 };
  return null;
}
