import { useEffect, useMemo } from 'react';
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
  type DefaultEdgeOptions,
  type NodeMouseHandler,
} from '@xyflow/react';
import type { Playbook } from '@tripline/playbook';
import { useCatalogueStore } from '../store/catalogue-store';
import { nodeTypes } from './node-types';
import { playbookToFlow, type FlowOverlay, type PlaybookFlowEdge, type PlaybookFlowNode } from './to-flow';

export interface PlaybookCanvasProps {
  playbook: Playbook;
  overlay?: FlowOverlay;
  /** Called with the DSL node id (or TRIGGER_NODE_ID) of a clicked node. */
  onSelectNode?: (nodeId: string) => void;
}

const defaultEdgeOptions: DefaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed }, type: 'smoothstep' };

const STATUS_COLOURS: Record<string, string> = {
  running: '#2563eb',
  completed: '#16a34a',
  failed: '#dc2626',
  skipped: '#9ca3af',
  waiting: '#d97706',
  compensated: '#a16207',
};

function minimapColour(node: PlaybookFlowNode): string {
  if (node.data.problems.length) return '#dc2626';
  if (node.type === 'step' && node.data.status) return STATUS_COLOURS[node.data.status] ?? '#6b7280';
  return node.type === 'trigger' ? '#7c3aed' : '#cbd5e1';
}

/** The playbook drawn read-only: pan, zoom and click; edits happen on the DSL, never on the canvas. */
export function PlaybookCanvas(props: PlaybookCanvasProps) {
  return (
    <div className="canvas" data-testid="playbook-canvas">
      <ReactFlowProvider>
        <CanvasFlow {...props} />
      </ReactFlowProvider>
    </div>
  );
}

function CanvasFlow({ playbook, overlay, onSelectNode }: PlaybookCanvasProps) {
  // Irreversible actions and score tiers come from the workspace catalogue, when it is known.
  const catalogue = useCatalogueStore((s) => s.catalogue);
  useEffect(() => void useCatalogueStore.getState().load(), []);
  const flow = useMemo(() => playbookToFlow(playbook, { catalogue, ...overlay }), [playbook, overlay, catalogue]);
  const [nodes, setNodes, onNodesChange] = useNodesState<PlaybookFlowNode>(flow.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<PlaybookFlowEdge>(flow.edges);
  const { fitView } = useReactFlow();

  useEffect(() => {
    setNodes(flow.nodes);
    setEdges(flow.edges);
  }, [flow, setNodes, setEdges]);

  // Re-frame when the graph's shape changes (a node added or removed in the JSON), not on every keystroke.
  const shape = flow.nodes.map((n) => n.id).join('\u0000');
  useEffect(() => {
    const frame = requestAnimationFrame(() => void fitView({ padding: 0.15, maxZoom: 1.2 }));
    return () => cancelAnimationFrame(frame);
  }, [shape, fitView]);

  const onNodeClick: NodeMouseHandler<PlaybookFlowNode> = (_event, node) => onSelectNode?.(node.id);

  return (
    <ReactFlow<PlaybookFlowNode, PlaybookFlowEdge>
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      nodeTypes={nodeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      onNodeClick={onNodeClick}
      nodesDraggable={false}
      nodesConnectable={false}
      edgesFocusable={false}
      fitView
      fitViewOptions={{ padding: 0.15, maxZoom: 1.2 }}
      minZoom={0.2}
      proOptions={{ hideAttribution: false }}
    >
      <Background gap={20} />
      <MiniMap<PlaybookFlowNode> pannable zoomable nodeColor={minimapColour} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
