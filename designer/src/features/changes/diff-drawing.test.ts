import { demoRequestFollowUp, diffPlaybooks, type Playbook } from '@tripline/playbook';
import { diffCanvasStyle, diffDrawing } from './diff-drawing';

const before = structuredClone(demoRequestFollowUp) as Playbook;

function edited(): Playbook {
  const after = structuredClone(before);
  const [first, second] = Object.keys(after.nodes);
  delete after.nodes[second];
  after.edges = after.edges.filter((e) => e.from !== second && e.to !== second);
  after.nodes['new-wait'] = { kind: 'wait', for: '2d' } as Playbook['nodes'][string];
  after.edges.push({ from: first, to: 'new-wait' });
  after.nodes[first] = { ...after.nodes[first], label: 'Renamed' };
  return after;
}

describe('diffDrawing', () => {
  it('marks added, removed and changed nodes and draws the removed ones too', () => {
    const after = edited();
    const [first, second] = Object.keys(before.nodes);
    const drawing = diffDrawing(before, after, diffPlaybooks(before, after));
    expect(drawing.marks).toEqual({ [first]: 'changed', [second]: 'removed', 'new-wait': 'added' });
    expect(Object.keys(drawing.playbook.nodes)).toEqual(expect.arrayContaining([first, second, 'new-wait']));
    expect(drawing.playbook.edges).toEqual(expect.arrayContaining(before.edges.filter((e) => e.from === second || e.to === second)));
    expect(drawing.playbook.layout).toBeUndefined();
  });

  it('marks nothing between two versions of the same content, and everything added on a first publish', () => {
    expect(diffDrawing(before, before, diffPlaybooks(before, before)).marks).toEqual({});
    const first = diffDrawing(null, before, diffPlaybooks(null, before));
    expect(new Set(Object.values(first.marks))).toEqual(new Set(['added']));
  });

  it('writes scoped colour and label rules per marked node', () => {
    expect(diffCanvasStyle('diff-1', { a: 'added', 'b"c': 'removed' }).split('\n')).toEqual([
      '.diff-1 [data-testid="step-node-a"] { border-color: var(--diff-added); box-shadow: 0 0 0 3px var(--diff-added); }',
      '.diff-1 [data-testid="step-node-a"]::after { content: "added"; background: var(--diff-added); }',
      '.diff-1 [data-testid="step-node-b\\"c"] { border-color: var(--diff-removed); box-shadow: 0 0 0 3px var(--diff-removed); }',
      '.diff-1 [data-testid="step-node-b\\"c"]::after { content: "removed"; background: var(--diff-removed); }',
    ]);
  });
});
