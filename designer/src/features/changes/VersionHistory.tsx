import { useEffect, useState } from 'react';
import { rollbackNow, submitChangeRequest, type ChangeRequest } from '../../api/changes-operations';
import { errorMessage } from '../../api/graphql-client';
import { formatDateTime } from '../../app/format';
import { useChangesStore } from '../../store/changes-store';
import { usePlaybooksStore } from '../../store/playbooks-store';
import { LoadStateNotice } from '../shell/LoadStateNotice';
import { compareVersions, defaultComparison, DRAFT, NOTHING, type VersionChoice } from './compare-versions';
import { DiffView } from './DiffView';

export interface VersionHistoryProps {
  playbookId: string;
  /** Changes whenever the playbook changes on the server (a save, a publish): reloads what is shown. */
  revision: string;
  canEdit: boolean;
  isAdmin: boolean;
  /** A rollback change request was submitted. */
  onSubmitted: (request: ChangeRequest) => void;
}

type Notice = { tone: 'ok' | 'error'; text: string };

/** The published versions, a visual diff between any two (or a version and the draft), and rollbacks. */
export function VersionHistory({ playbookId, revision, canEdit, isAdmin, onSubmitted }: VersionHistoryProps) {
  const history = useChangesStore((s) => s.histories[playbookId]);
  const state = useChangesStore((s) => s.historyState[playbookId]);
  const [choice, setChoice] = useState<{ from: VersionChoice; to: VersionChoice } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => void useChangesStore.getState().loadHistory(playbookId), [playbookId, revision]);

  if (!history) return <LoadStateNotice state={state ?? { status: 'loading' }} what="the version history" />;
  const { from, to } = choice ?? defaultComparison(history);
  const comparison = compareVersions(history, from, to);
  const options = [
    ...history.versions.map((v) => ({ value: String(v.version), label: `v${v.version}${v.version === history.publishedVersion ? ' (live)' : ''}` })),
    { value: DRAFT, label: 'Current draft' },
  ];

  const rollback = async (toVersion: number, now: boolean) => {
    setBusy(`${now ? 'now' : 'submit'}-${toVersion}`);
    setNotice(null);
    try {
      if (now) {
        const done = await rollbackNow({ targetId: playbookId, targetKind: 'playbook', toVersion });
        setNotice({ tone: 'ok', text: `Rolled back: v${done.publishedVersion} is v${done.rolledBackTo} live again. ${done.explanation}` });
        void usePlaybooksStore.getState().loadPlaybook(playbookId);
      } else {
        const request = await submitChangeRequest({ kind: 'rollback', targetId: playbookId, targetKind: 'playbook', toVersion });
        useChangesStore.getState().put(request);
        onSubmitted(request);
        if (request.status === 'published') void usePlaybooksStore.getState().loadPlaybook(playbookId);
      }
    } catch (error) {
      setNotice({ tone: 'error', text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="version-history">
      {history.versions.length === 0 ? (
        <p className="muted">Never published: the comparison below shows everything the draft would add.</p>
      ) : (
        <table className="table" aria-label="Published versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Published</th>
              <th scope="col">By</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {history.versions.map((v) => {
              const live = v.version === history.publishedVersion;
              return (
                <tr key={v.id}>
                  <td>
                    v{v.version} {live && <span className="badge status-published">live</span>}
                  </td>
                  <td>{formatDateTime(v.publishedAt)}</td>
                  <td>{v.publishedBy ? v.publishedBy.name || v.publishedBy.email : '—'}</td>
                  <td className="row-actions">
                    <button type="button" onClick={() => setChoice({ from: String(v.version), to: DRAFT })} aria-label={`Compare v${v.version} with the draft`}>
                      Compare with draft
                    </button>
                    {!live && canEdit && (
                      <button type="button" disabled={busy !== null} onClick={() => void rollback(v.version, false)}>
                        {busy === `submit-${v.version}` ? 'Submitting…' : `Roll back to v${v.version}`}
                      </button>
                    )}
                    {!live && isAdmin && (
                      <button type="button" className="danger" disabled={busy !== null} onClick={() => void rollback(v.version, true)}>
                        {busy === `now-${v.version}` ? 'Rolling back…' : `Roll back now to v${v.version}`}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {notice && (
        <p className={notice.tone === 'ok' ? 'success' : 'error'} role={notice.tone === 'ok' ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      <div className="toolbar compare-picker">
        <label>
          Compare
          <select value={from} onChange={(e) => setChoice({ from: e.target.value, to })}>
            {history.versions.length === 0 && <option value={NOTHING}>Nothing (first publish)</option>}
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          with
          <select value={to} onChange={(e) => setChoice({ from, to: e.target.value })}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {comparison.ok ? (
        <DiffView diff={comparison.diff} before={comparison.before} after={comparison.after} />
      ) : (
        <p className="warning">{comparison.message}</p>
      )}
    </div>
  );
}
