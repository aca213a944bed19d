import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  applyNodeChanges,
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type DefaultEdgeOptions,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import type { Playbook, ValidationProblem } from '@tripline/playbook';
import { NODE_WIDTH } from '../../canvas/layered-layout';
import { nodeTypes } from '../../canvas/node-types';
import {
  DEFAULT_OUTPUT_HANDLE,
  playbookToFlow,
  type PlaybookFlowEdge,
  type PlaybookFlowNode,
} from '../../canvas/to-flow';
import { useCatalogueStore } from '../../store/catalogue-store';
import { useEditorStore } from '../../store/editor-store';
import { edgeKey, type Point, type Selection } from './operations/types';
import { hasPaletteItem, PALETTE_MIME } from './palette/drag-data';
import { paletteItem, type PaletteItem } from './palette/palette-items';

const defaultEdgeOptions: DefaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed }, type: 'smoothstep' };
const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1.2 };
/** Roughly half a node's height: a dropped node is centred on the pointer. */
const HALF_NODE_HEIGHT = 40;

export interface EditorCanvasProps {
  document: Playbook;
  problems: readonly ValidationProblem[];
  canEdit: boolean;
  /** A palette item dropped on the canvas, at the flow position of its top-left corner. */
  onDropItem: (item: PaletteItem, position: Point) => void;
}

function minimapColour(node: PlaybookFlowNode): string {
  if (node.data.problems.length) return '#dc2626';
  return node.type === 'trigger' ? '#7c3aed' : '#cbd5e1';
}

/**
 * React Flow nodes from the document, keeping what React Flow measured and, while a drag is on,
 * where the pointer has the node. An unchanged node keeps its object, so React Flow skips it.
 */
function mergeNodes(derived: PlaybookFlowNode[], previous: PlaybookFlowNode[], selection: Selection, canEdit: boolean): PlaybookFlowNode[] {
  const before = new Map(previous.map((node) => [node.id, node]));
  const selected = new Set(selection.nodes);
  return derived.map((node) => {
    const old = before.get(node.id);
    const isSelected = selected.has(node.id);
    const draggable = canEdit && node.type !== 'trigger';
    if (old && old.data === node.data && (old.selected ?? false) === isSelected && old.draggable === draggable) return old;
    return {
      ...node,
      selected: isSelected,
      draggable,
      deletable: false, // deleting goes through the editor store (start re-pointed, trigger kept)
      ...(old?.measured ? { measured: old.measured } : {}),
      ...(old?.dragging ? { position: old.position, dragging: true } : {}),
    } as PlaybookFlowNode;
  });
}

const keyOfFlowEdge = (edge: PlaybookFlowEdge): string | null =>
  edge.data && edge.data.edgeIndex >= 0 ? edgeKey({ from: edge.source, to: edge.target, port: edge.data.port }) : null;

/** The playbook on an editable canvas: drag to move, drag handle to handle to connect, drop palette items. */
export function EditorCanvas({ document, problems, canEdit, onDropItem }: EditorCanvasProps) {
  const selection = useEditorStore((s) => s.selection);
  const playbookId = useEditorStore((s) => s.playbookId);
  const catalogue = useCatalogueStore((s) => s.catalogue);
  const flow = useMemo(() => playbookToFlow(document, { problems, catalogue }), [document, problems, catalogue]);
  const [nodes, setNodes] = useState<PlaybookFlowNode[]>(() => mergeNodes(flow.nodes, [], selection, canEdit));
  const { screenToFlowPosition, fitView } = useReactFlow<PlaybookFlowNode, PlaybookFlowEdge>();

  useEffect(() => setNodes((previous) => mergeNodes(flow.nodes, previous, selection, canEdit)), [flow, selection, canEdit]);

  const edges = useMemo(() => {
    const keys = new Set(selection.edges);
    return flow.edges.map((edge) => {
      const key = keyOfFlowEdge(edge);
      return { ...edge, selectable: key !== null, selected: key !== null && keys.has(key), deletable: false };
    });
  }, [flow.edges, selection.edges]);
  const edgeKeysById = useMemo(() => new Map(flow.edges.map((edge) => [edge.id, keyOfFlowEdge(edge)])), [flow.edges]);
  const edgeKeysRef = useRef(edgeKeysById);
  edgeKeysRef.current = edgeKeysById;

  // A newly opened playbook is framed once; edits never move the view.
  const framed = useRef<string | null>(null);
  useEffect(() => {
    if (framed.current === playbookId) return;
    framed.current = playbookId;
    const frame = requestAnimationFrame(() => void fitView(FIT_VIEW_OPTIONS));
    return () => cancelAnimationFrame(frame);
  }, [playbookId, fitView]);

  const onNodesChange = useCallback((changes: NodeChange<PlaybookFlowNode>[]) => {
    const local = changes.filter((change) => change.type === 'position' || change.type === 'dimensions');
    if (local.length) setNodes((current) => applyNodeChanges(local, current));
    // A drag ends (or an arrow key nudges) with dragging false: that is the one history step.
    const settled: Record<string, Point> = {};
    for (const change of changes) if (change.type === 'position' && change.dragging === false && change.position) settled[change.id] = change.position;
    const editor = useEditorStore.getState();
    if (Object.keys(settled).length) editor.move(settled);
    const selects = changes.filter((change) => change.type === 'select');
    if (selects.length) {
      const chosen = new Set(editor.selection.nodes);
      for (const change of selects) {
        if (change.selected) chosen.add(change.id);
        else chosen.delete(change.id);
      }
      editor.select({ nodes: [...chosen], edges: useEditorStore.getState().selection.edges });
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<PlaybookFlowEdge>[]) => {
    const selects = changes.filter((change) => change.type === 'select');
    if (!selects.length) return;
    const editor = useEditorStore.getState();
    const chosen = new Set(editor.selection.edges);
    for (const change of selects) {
      const key = edgeKeysRef.current.get(change.id);
      if (!key) continue;
      if (change.selected) chosen.add(key);
      else chosen.delete(key);
    }
    editor.select({ nodes: useEditorStore.getState().selection.nodes, edges: [...chosen] });
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    const port = connection.sourceHandle && connection.sourceHandle !== DEFAULT_OUTPUT_HANDLE ? connection.sourceHandle : undefined;
    useEditorStore.getState().connect(connection.source, connection.target, port);
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!hasPaletteItem(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const item = paletteItem(event.dataTransfer.getData(PALETTE_MIME));
      if (!item) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      onDropItem(item, { x: at.x - NODE_WIDTH / 2, y: at.y - HALF_NODE_HEIGHT });
    },
    [screenToFlowPosition, onDropItem],
  );

  return (
    <div className="canvas editor-canvas" data-testid="editor-canvas">
      <ReactFlow<PlaybookFlowNode, PlaybookFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={canEdit ? onConnect : undefined}
        onDragOver={canEdit ? onDragOver : undefined}
        onDrop={canEdit ? onDrop : undefined}
        nodesDraggable={canEdit}
        nodesConnectable={canEdit}
        deleteKeyCode={null}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.2}
        aria-label="Playbook canvas"
      >
        <Background gap={20} />
        <MiniMap<PlaybookFlowNode> pannable zoomable nodeColor={minimapColour} ariaLabel="Overview of the playbook" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
