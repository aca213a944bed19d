import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { DEFAULT_OUTPUT_HANDLE, type StepFlowNode } from '../to-flow';
import { NodeProblems } from './NodeProblems';

const KIND_LABELS: Record<string, string> = {
  condition: 'Condition',
  split: 'Split',
  wait: 'Wait',
  waitForEvent: 'Wait for event',
  score: 'Score',
  approval: 'Approval',
  action: 'Action',
  parallel: 'Parallel',
  join: 'Join',
  end: 'End',
};

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
      <Handle type="target" position={Position.Top} />
      <div className="flow-node-kind">
        {KIND_LABELS[data.kind] ?? data.kind}
        {data.isStart && <span className="flow-node-tag">start</span>}
        {data.status && <span className={`flow-node-status status-${data.status}`}>{data.status}</span>}
      </div>
      <div className="flow-node-title">{data.title}</div>
      <div className="flow-node-summary">{data.summary}</div>
      <NodeProblems problems={data.problems} />
      {outputs.map((port, index) => (
        <Handle
          key={port}
          id={port}
          type="source"
          position={Position.Bottom}
          style={{ left: `${((index + 1) / (outputs.length + 1)) * 100}%` }}
        />
      ))}
    </div>
  );
});
