/**
 * Our DSL → React Flow. The playbook is the source of truth: these nodes and edges are derived on
 * every render and never saved. Overlays (validation problems, a run's step statuses) only decorate.
 */
import type { NodeId, Playbook, StepKind, StepStatus } from '@tripline/playbook';
import type { Edge, Node } from '@xyflow/react';
import { kindLabel } from './kind-labels';
import { layeredLayout, type Point } from './layered-layout';
import { isIrreversible, stepOutputs, stepSummary, triggerSummary, type SummaryCatalogue } from './step-summary';

/** The trigger is drawn as a node of its own; '@' cannot start a DSL node id in practice, so no clash. */
export const TRIGGER_NODE_ID = '@trigger';
/** Handle id of a step's unnamed output, so an edge without a port never lands on a named port's handle. */
export const DEFAULT_OUTPUT_HANDLE = '@out';

export interface TriggerNodeData extends Record<string, unknown> {
  title: string;
  summary: string;
  problems: string[];
  /** Set when a run overlay is drawn: the trigger fired for this run. */
  fired: boolean;
}

export interface StepNodeData extends Record<string, unknown> {
  stepId: NodeId;
  kind: StepKind;
  title: string;
  summary: string;
  isStart: boolean;
  /** Named output ports, in order: the fixed ones of the kind, then any other port an edge uses. */
  ports: string[];
  /** Whether the unnamed output is drawn (the kind has one, or an edge without a port needs it). */
  hasDefaultOutput: boolean;
  problems: string[];
  /** The step's effect cannot be undone (an email sent): marked on the node. */
  irreversible: boolean;
  status?: RunNodeStatus;
}

export type TriggerFlowNode = Node<TriggerNodeData, 'trigger'>;
export type StepFlowNode = Node<StepNodeData, 'step'>;
export type PlaybookFlowNode = TriggerFlowNode | StepFlowNode;

export interface PlaybookFlowEdgeData extends Record<string, unknown> {
  /** Index in `playbook.edges`; -1 for the trigger → start edge. */
  edgeIndex: number;
  port?: string;
  problems: string[];
  taken: boolean;
}
export type PlaybookFlowEdge = Edge<PlaybookFlowEdgeData>;

/** A problem as validate() (or the GraphQL API) reports it. */
export interface ProblemOverlay {
  message: string;
  nodeId?: string | null;
  edgeIndex?: number | null;
  path?: readonly (string | number)[] | null;
}

/**
 * How a run's step is drawn: a step's own status, or what the run makes of it — waiting (an approval
 * or event the run waits for) and compensated (undone when the run rolled back).
 */
export type RunNodeStatus = StepStatus | 'waiting' | 'compensated';

/** What a run did at each step (the latest attempt of a step wins). */
export interface RunStepOverlay {
  stepId: string;
  status: RunNodeStatus;
  port?: string | null;
}

export interface FlowOverlay {
  problems?: readonly ProblemOverlay[];
  runSteps?: readonly RunStepOverlay[];
  /** What the workspace knows about actions and scoring models: sharper summaries, irreversible marks. */
  catalogue?: SummaryCatalogue;
}

export interface PlaybookFlow {
  nodes: PlaybookFlowNode[];
  edges: PlaybookFlowEdge[];
}

export function playbookToFlow(playbook: Playbook, overlay: FlowOverlay = {}): PlaybookFlow {
  const ids = Object.keys(playbook.nodes);
  const problemsByNode = groupProblemsByNode(overlay.problems ?? []);
  const runByStep = latestRunSteps(overlay.runSteps ?? []);
  const positions = nodePositions(playbook);
  const catalogue = overlay.catalogue;

  const outgoing = new Map<NodeId, Playbook['edges']>();
  for (const edge of playbook.edges) (outgoing.get(edge.from) ?? outgoing.set(edge.from, []).get(edge.from)!).push(edge);

  const trigger: TriggerFlowNode = {
    id: TRIGGER_NODE_ID,
    type: 'trigger',
    position: positions.get(TRIGGER_NODE_ID)!,
    ariaLabel: `Trigger: ${triggerSummary(playbook.trigger, catalogue)}`,
    data: {
      title: 'Trigger',
      summary: triggerSummary(playbook.trigger, catalogue),
      problems: problemsByNode.get(TRIGGER_NODE_ID) ?? [],
      fired: overlay.runSteps !== undefined,
    },
  };

  const steps: StepFlowNode[] = ids.map((id) => {
    const step = playbook.nodes[id];
    const edges = outgoing.get(id) ?? [];
    const outputs = stepOutputs(step);
    const ports = [...outputs.ports];
    for (const edge of edges) if (edge.port !== undefined && !ports.includes(edge.port)) ports.push(edge.port);
    const run = runByStep.get(id);
    const title = step.label?.trim() || id;
    const summary = stepSummary(step, catalogue);
    return {
      id,
      type: 'step',
      position: positions.get(id)!,
      // On a run the status is part of the name, so a screen reader hears how each step went.
      ariaLabel: `${kindLabel(step.kind)} step "${title}"${run ? ` (${run.status})` : ''}: ${summary}`,
      data: {
        stepId: id,
        kind: step.kind,
        title,
        summary,
        isStart: id === playbook.start,
        ports,
        hasDefaultOutput: outputs.hasDefaultOutput || edges.some((e) => e.port === undefined),
        problems: problemsByNode.get(id) ?? [],
        irreversible: isIrreversible(step, catalogue),
        ...(run ? { status: run.status } : {}),
      },
    };
  });

  const exists = new Set(ids);
  const edgeProblems = groupProblemsByEdge(overlay.problems ?? []);
  const edges: PlaybookFlowEdge[] = [];
  if (exists.has(playbook.start)) {
    edges.push({
      id: `${TRIGGER_NODE_ID}->${playbook.start}`,
      source: TRIGGER_NODE_ID,
      target: playbook.start,
      ariaLabel: `From the trigger to ${playbook.start}`,
      data: { edgeIndex: -1, problems: [], taken: runByStep.has(playbook.start) },
      ...(runByStep.has(playbook.start) ? { className: 'taken', animated: false } : {}),
    });
  }
  playbook.edges.forEach((edge, edgeIndex) => {
    // An edge to or from a missing node cannot be drawn; validation names it.
    if (!exists.has(edge.from) || !exists.has(edge.to)) return;
    const problems = edgeProblems.get(edgeIndex) ?? [];
    const from = runByStep.get(edge.from);
    const taken = Boolean(from && runByStep.has(edge.to) && (edge.port === undefined || from.port === edge.port));
    const classes = [taken ? 'taken' : '', problems.length ? 'has-problem' : ''].filter(Boolean).join(' ');
    edges.push({
      id: `edge-${edgeIndex}`,
      source: edge.from,
      target: edge.to,
      sourceHandle: edge.port ?? DEFAULT_OUTPUT_HANDLE,
      ariaLabel: `From ${edge.from}${edge.port !== undefined ? ` by ${edge.port}` : ''} to ${edge.to}`,
      ...(edge.port !== undefined ? { label: edge.port } : {}),
      ...(classes ? { className: classes } : {}),
      data: { edgeIndex, ...(edge.port !== undefined ? { port: edge.port } : {}), problems, taken },
    });
  });

  return { nodes: [trigger, ...steps], edges };
}

/** Where each node is drawn: saved positions win; anything without one is placed by the layered layout. */
export function nodePositions(playbook: Playbook): Map<string, Point> {
  const computed = layeredLayout(playbook, TRIGGER_NODE_ID);
  const saved = playbook.layout ?? {};
  const positions = new Map<string, Point>();
  for (const id of Object.keys(playbook.nodes)) positions.set(id, validPoint(saved[id]) ?? computed.get(id)!);
  const start = validPoint(saved[playbook.start]);
  positions.set(
    TRIGGER_NODE_ID,
    validPoint(saved[TRIGGER_NODE_ID]) ?? (start ? { x: start.x, y: start.y - 150 } : computed.get(TRIGGER_NODE_ID)!),
  );
  return positions;
}

function validPoint(value: unknown): Point | undefined {
  const point = value as Partial<Point> | undefined;
  return point && Number.isFinite(point.x) && Number.isFinite(point.y) ? { x: point.x!, y: point.y! } : undefined;
}

/** Problems about the trigger carry no nodeId but a path starting with "trigger". */
function groupProblemsByNode(problems: readonly ProblemOverlay[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const problem of problems) {
    const key = problem.nodeId ?? (problem.path?.[0] === 'trigger' ? TRIGGER_NODE_ID : undefined);
    if (key === undefined) continue;
    (grouped.get(key) ?? grouped.set(key, []).get(key)!).push(problem.message);
  }
  return grouped;
}

function groupProblemsByEdge(problems: readonly ProblemOverlay[]): Map<number, string[]> {
  const grouped = new Map<number, string[]>();
  for (const problem of problems) {
    if (typeof problem.edgeIndex !== 'number') continue;
    (grouped.get(problem.edgeIndex) ?? grouped.set(problem.edgeIndex, []).get(problem.edgeIndex)!).push(problem.message);
  }
  return grouped;
}

/** The run log lists steps in the order they ran; a step run again (a loop) shows its latest state. */
function latestRunSteps(steps: readonly RunStepOverlay[]): Map<string, RunStepOverlay> {
  const latest = new Map<string, RunStepOverlay>();
  for (const step of steps) latest.set(step.stepId, step);
  return latest;
}
