import { useEffect, useRef } from 'react';
import { formatDateTime, formatElapsed, formatJson } from '../../app/format';
import type { RunStep } from '../../api/types';
import { StatusBadge } from '../shell/StatusBadge';

/** Every step the run took, in order: status, port, input/output and error. */
export function StepLog({ steps, selectedStepId }: { steps: RunStep[]; selectedStepId: string | null }) {
  const selectedRef = useRef<HTMLLIElement | null>(null);
  useEffect(() => selectedRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }), [selectedStepId]);

  if (steps.length === 0) return <p className="muted">No step has started yet.</p>;
  return (
    <ol className="step-log" data-testid="step-log">
      {steps.map((step) => {
        const selected = step.stepId === selectedStepId;
        return (
          <li
            key={step.id}
            ref={selected ? selectedRef : undefined}
            className={`step-entry status-${step.status}${selected ? ' selected' : ''}`}
            data-step-id={step.stepId}
          >
            <div className="step-entry-head">
              <StatusBadge status={step.status} />
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
      <pre className="json">{formatJson(value)}</pre>
    </details>
  );
}
