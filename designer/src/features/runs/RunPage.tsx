import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatDateTime, formatElapsed } from '../../app/format';
import { Link } from '../../app/Link';
import { pathOf } from '../../app/routes';
import { asDrawablePlaybook } from '../../canvas/drawable';
import { PlaybookCanvas } from '../../canvas/PlaybookCanvas';
import type { FlowOverlay } from '../../canvas/to-flow';
import { snapshotKey, useRunsStore } from '../../store/runs-store';
import { eventsPathFor } from '../events/EventsPage';
import { LoadStateNotice } from '../shell/LoadStateNotice';
import { StatusBadge } from '../shell/StatusBadge';
import { LiveIndicator } from './LiveIndicator';
import { RunActions } from './RunActions';
import { RunLegend } from './RunLegend';
import { runOverlaySteps } from './run-overlay';
import { StepLog } from './StepLog';
import { useLiveRuns } from './use-live-runs';

export function RunPage({ id }: { id: string }) {
  const run = useRunsStore((s) => s.byId[id]);
  const runState = useRunsStore((s) => s.runState[id]);
  const snapshot = useRunsStore((s) => (run ? s.snapshots[snapshotKey(run.playbookId, run.playbookVersion)] : undefined));
  const [selectedStepId, setSelectedStepId] = useState<string | null>(null);

  const reload = useCallback(() => void useRunsStore.getState().loadRun(id), [id]);
  useEffect(reload, [reload]);
  useLiveRuns({ runId: id }, reload);

  const playbookId = run?.playbookId;
  const version = run?.playbookVersion;
  useEffect(() => {
    if (playbookId !== undefined && version !== undefined) void useRunsStore.getState().loadSnapshot(playbookId, version);
  }, [playbookId, version]);

  const steps = useMemo(
    () => (run ? [...run.steps].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt)) : []),
    [run],
  );
  const runStatus = run?.status;
  const overlay = useMemo<FlowOverlay>(() => ({ runSteps: runStatus ? runOverlaySteps(steps, runStatus) : [] }), [steps, runStatus]);
  const drawable = useMemo(() => (snapshot?.state.status === 'ready' ? asDrawablePlaybook(snapshot.definition) : null), [snapshot]);

  if (!run) return <LoadStateNotice state={runState ?? { status: 'loading' }} what="the run" />;

  return (
    <section className="run-page">
      <div className="page-title">
        <h1>
          <Link href={pathOf({ name: 'playbook', id: run.playbookId })}>{run.playbookName}</Link>{' '}
          <span className="muted">v{run.playbookVersion}</span>
        </h1>
        <StatusBadge status={run.status} />
        <LiveIndicator />
        <a href={run.temporalUiUrl} target="_blank" rel="noreferrer">
          Open in Temporal UI ↗
        </a>
      </div>
      <RunActions run={run} />
      <dl className="run-facts">
        <dt>Subject</dt>
        <dd>
          {run.subjectKind} {run.subjectId}
          {eventsPathFor(run.subjectKind, run.subjectId) && (
            <>
              {' '}
              <Link href={eventsPathFor(run.subjectKind, run.subjectId)!}>Scored events</Link>
            </>
          )}
        </dd>
        <dt>Started</dt>
        <dd>{formatDateTime(run.startedAt)}</dd>
        <dt>Finished</dt>
        <dd>
          {run.finishedAt ? `${formatDateTime(run.finishedAt)} (${formatElapsed(run.startedAt, run.finishedAt)})` : '—'}
        </dd>
        <dt>Workflow id</dt>
        <dd>
          <code>{run.workflowId}</code>
        </dd>
      </dl>
      {run.error && (
        <pre className="step-error" role="alert">
          {run.error}
        </pre>
      )}
      <RunLegend />
      <div className="run-workspace">
        {drawable?.ok ? (
          <PlaybookCanvas playbook={drawable.playbook} overlay={overlay} onSelectNode={setSelectedStepId} />
        ) : (
          <div className="canvas empty-state">
            {snapshot?.state.status === 'error' ? (
              <p className="error">Cannot draw this run: {snapshot.state.message}</p>
            ) : drawable && !drawable.ok ? (
              <p className="error">Cannot draw this run's playbook: {drawable.reason}.</p>
            ) : (
              <p className="muted">Loading the playbook version…</p>
            )}
          </div>
        )}
        <div className="run-steps">
          <h2>Steps</h2>
          <StepLog steps={steps} selectedStepId={selectedStepId} runStatus={run.status} />
        </div>
      </div>
    </section>
  );
}
