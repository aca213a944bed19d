import type { NodeTypes } from '@xyflow/react';
import { StepNode } from './nodes/StepNode';
import { TriggerNode } from './nodes/TriggerNode';

/** Registered once: a new object per render would make React Flow re-create every node. */
export const nodeTypes = { trigger: TriggerNode, step: StepNode } satisfies NodeTypes;
