import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { TriggerFlowNode } from '../to-flow';
import { NodeProblems } from './NodeProblems';

/** The event that enrolls a subject: the root of every playbook graph. */
export const TriggerNode = memo(function TriggerNode({ data }: NodeProps<TriggerFlowNode>) {
  const classes = ['flow-node', 'trigger-node', data.fired ? 'status-completed' : '', data.problems.length ? 'has-problem' : ''];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-testid="trigger-node">
      <div className="flow-node-kind">Trigger</div>
      <div className="flow-node-summary">{data.summary}</div>
      <NodeProblems problems={data.problems} />
      <Handle type="source" position={Position.Bottom} aria-label="Output of the trigger" />
    </div>
  );
});
