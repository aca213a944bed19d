import { Fragment, memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { kindLabel } from '../kind-labels';
import { DEFAULT_OUTPUT_HANDLE, type StepFlowNode } from '../to-flow';
import { NodeProblems } from './NodeProblems';

/** One DSL step: kind, label, its key setting, and (on a run) how it went. */
export const StepNode = memo(function StepNode({ data }: NodeProps<StepFlowNode>) {
  const outputs = [...data.ports, ...(data.hasDefaultOutput ? [DEFAULT_OUTPUT_HANDLE] : [])];
  const classes = [
    'flow-node',
    'step-node',
    `kind-${data.kind}`,
    data.status ? `status-${data.status}` : '',
    data.problems.length ? 'has-problem' : '',
  ];
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      data-testid={`step-node-${data.stepId}`}
      data-step-status={data.status ?? ''}
      data-problem-count={data.problems.length}
    >
      <Handle type="target" position={Position.Top} aria-label={`Input of ${data.title}`} />
      <div className="flow-node-kind">
        {kindLabel(data.kind)}
        {data.isStart && <span className="flow-node-tag">start</span>}
        {data.irreversible && (
          <span className="flow-node-tag irreversible" title="Cannot be undone: a rollback of the run skips it">
            irreversible
          </span>
        )}
        {data.status && <span className={`flow-node-status status-${data.status}`}>{data.status}</span>}
      </div>
      <div className="flow-node-title">{data.title}</div>
      <div className="flow-node-summary">{data.summary}</div>
      <NodeProblems problems={data.problems} />
      {outputs.map((port, index) => {
        const left = `${((index + 1) / (outputs.length + 1)) * 100}%`;
        const named = port !== DEFAULT_OUTPUT_HANDLE;
        return (
          <Fragment key={port}>
            {named && (
              <span className="flow-node-port" style={{ left }} aria-hidden="true">
                {port}
              </span>
            )}
            <Handle
              id={port}
              type="source"
              position={Position.Bottom}
              style={{ left }}
              aria-label={named ? `Output "${port}" of ${data.title}` : `Output of ${data.title}`}
            />
          </Fragment>
        );
      })}
    </div>
  );
});
