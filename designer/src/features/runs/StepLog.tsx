import { useEffect, useRef } from 'react';
import { formatDateTime, formatElapsed, formatJson } from '../../app/format';
import type { Run, RunStep } from '../../api/types';
import { StatusBadge } from '../shell/StatusBadge';
import { maskSecrets } from './mask-secrets';
import { runNodeStatus } from './run-overlay';

/** Every step the run took, in order: status, port, input/output (secret-looking values masked) and error. */
export function StepLog({ steps, selectedStepId, runStatus }: { steps: RunStep[]; selectedStepId: string | null; runStatus?: Run['status'] }) {
  const selectedRef = useRef<HTMLLIElement | null>(null);
  useEffect(() => selectedRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }), [selectedStepId]);

  if (steps.length === 0) return <p className="muted">No step has started yet.</p>;
  return (
    <ol className="step-log" data-testid="step-log">
      {steps.map((step) => {
        const selected = step.stepId === selectedStepId;
        // As on the canvas: a step the run waits in reads "waiting", a step a rollback undid "compensated".
        const status = runStatus ? runNodeStatus(step, runStatus) : step.status;
        return (
          <li
            key={step.id}
            ref={selected ? selectedRef : undefined}
            className={`step-entry status-${status}${selected ? ' selected' : ''}`}
            data-step-id={step.stepId}
          >
            <div className="step-entry-head">
              <StatusBadge status={status} />
              <strong>{step.stepId}</strong>
              <span className="muted">{step.kind}</span>
              {step.port && <span className="port">→ {step.port}</span>}
              <span className="muted step-time">
                {formatDateTime(step.startedAt)}
                {step.finishedAt ? ` · ${formatElapsed(step.startedAt, step.finishedAt)}` : ''}
              </span>
            </div>
            {step.error && <pre className="step-error">{step.error}</pre>}
            <JsonDetails title="Input" value={step.input} />
            <JsonDetails title="Output" value={step.output} />
          </li>
        );
      })}
    </ol>
  );
}

function JsonDetails({ title, value }: { title: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <details>
      <summary>{title}</summary>
      <pre className="json">{formatJson(maskSecrets(value))}</pre>
    </details>
  );
}
