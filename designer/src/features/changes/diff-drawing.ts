/**
 * A diff drawn on one canvas: the newer playbook plus the nodes and edges the older one had and the
 * newer lost, each node marked added, removed or changed from the StructuredDiff's items.
 */
import { edgeKey, type DiffChangeKind, type Playbook, type StructuredDiff } from '@tripline/playbook';

export interface DiffDrawing {
  /** What the canvas draws: `after` with the removed nodes and edges put back. */
  playbook: Playbook;
  /** Node id → how it differs; unchanged nodes are absent. */
  marks: Record<string, DiffChangeKind>;
}

export function diffDrawing(before: Playbook | null, after: Playbook, diff: StructuredDiff): DiffDrawing {
  const marks: Record<string, DiffChangeKind> = {};
  for (const item of diff.items) if (item.collection === 'nodes') marks[item.key] = item.kind;
  const nodes = { ...after.nodes };
  const edges = [...after.edges];
  if (before) {
    for (const [id, step] of Object.entries(before.nodes)) if (!(id in nodes)) nodes[id] = step;
    const kept = new Set(after.edges.map(edgeKey));
    for (const edge of before.edges) if (!kept.has(edgeKey(edge))) edges.push(edge);
  }
  // The designer's saved positions of two versions do not fit together: lay the union out afresh.
  const { layout: _layout, ...rest } = after;
  return { playbook: { ...rest, nodes, edges }, marks };
}

/**
 * CSS colouring and labelling each marked node of one canvas (scoped by a class): the shared canvas
 * draws nodes with a `step-node-<id>` test id, so the diff decorates them without a canvas overlay.
 */
export function diffCanvasStyle(scope: string, marks: Record<string, DiffChangeKind>): string {
  return Object.entries(marks)
    .map(([id, kind]) => {
      const node = `.${scope} [data-testid=${JSON.stringify(`step-node-${id}`)}]`;
      return `${node} { border-color: var(--diff-${kind}); box-shadow: 0 0 0 3px var(--diff-${kind}); }\n${node}::after { content: "${kind}"; background: var(--diff-${kind}); }`;
    })
    .join('\n');
}
