import type { Playbook } from '@tripline/playbook';
import { assignLayers, layeredLayout, NODE_WIDTH } from './layered-layout';

type Graph = Pick<Playbook, 'start' | 'nodes' | 'edges'>;
const end = { kind: 'end' } as const;
const wait = { kind: 'wait', for: '1d' } as const;

function graph(start: string, ids: string[], edges: [string, string][]): Graph {
  return {
    start,
    nodes: Object.fromEntries(ids.map((id) => [id, id.startsWith('w') ? wait : end])),
    edges: edges.map(([from, to]) => ({ from, to })),
  };
}

describe('assignLayers', () => {
  it('puts a node below every node that leads to it (longest path), not just the nearest', () => {
    // a → b → c → d and a → d: d belongs under c, not beside b.
    const layers = assignLayers(graph('a', ['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'c'], ['c', 'd'], ['a', 'd']]));
    expect(Object.fromEntries(layers)).toEqual({ a: 1, b: 2, c: 3, d: 4 });
  });

  it('ignores the edge that closes a loop, so a loop still layers top to bottom', () => {
    const layers = assignLayers(graph('a', ['a', 'w1', 'b'], [['a', 'w1'], ['w1', 'b'], ['b', 'w1']]));
    expect(Object.fromEntries(layers)).toEqual({ a: 1, w1: 2, b: 3 });
  });

  it('places nodes unreachable from start below the reachable graph, without moving it', () => {
    const layers = assignLayers(graph('a', ['a', 'b', 'x', 'y'], [['a', 'b'], ['x', 'y'], ['x', 'b']]));
    expect(layers.get('a')).toBe(1);
    expect(layers.get('b')).toBe(2);
    expect(layers.get('x')).toBe(3);
    expect(layers.get('y')).toBe(4);
  });

  it('still lays out every node when start is missing', () => {
    const layers = assignLayers(graph('gone', ['a', 'b'], [['a', 'b']]));
    expect(Object.fromEntries(layers)).toEqual({ a: 1, b: 2 });
  });
});

describe('layeredLayout', () => {
  it('centres each layer under the trigger and never overlaps two nodes of a layer', () => {
    const positions = layeredLayout(graph('a', ['a', 'b', 'c', 'd'], [['a', 'b'], ['a', 'c'], ['a', 'd']]), '@t');
    expect(positions.get('@t')).toEqual({ x: -NODE_WIDTH / 2, y: 0 });
    expect(positions.get('a')!.x).toBe(-NODE_WIDTH / 2);
    const row = ['b', 'c', 'd'].map((id) => positions.get(id)!);
    expect(new Set(row.map((p) => p.y)).size).toBe(1);
    const xs = row.map((p) => p.x).sort((p, q) => p - q);
    expect(xs[1]! - xs[0]!).toBeGreaterThanOrEqual(NODE_WIDTH);
    expect(xs[2]! - xs[1]!).toBeGreaterThanOrEqual(NODE_WIDTH);
    expect(xs[0]! + xs[2]!).toBeCloseTo(2 * -NODE_WIDTH / 2); // symmetric around the centre line
  });

  it('keeps children under their own parent: the left branch child stays left', () => {
    const positions = layeredLayout(
      graph('a', ['a', 'l', 'r', 'l2', 'r2'], [['a', 'l'], ['a', 'r'], ['r', 'r2'], ['l', 'l2']]),
      '@t',
    );
    expect(positions.get('l')!.x).toBeLessThan(positions.get('r')!.x);
    expect(positions.get('l2')!.x).toBeLessThan(positions.get('r2')!.x);
  });
});

describe('layeredLayout of chains', () => {
  it('keeps a single child straight under its parent, even off-centre', () => {
    // a → (l, r); l → l2 → l3: the chain under l stays in l's column.
    const positions = layeredLayout(graph('a', ['a', 'l', 'r', 'l2', 'l3'], [['a', 'l'], ['a', 'r'], ['l', 'l2'], ['l2', 'l3']]), '@t');
    expect(positions.get('l2')!.x).toBe(positions.get('l')!.x);
    expect(positions.get('l3')!.x).toBe(positions.get('l')!.x);
    expect(positions.get('l')!.x).toBeLessThan(positions.get('a')!.x);
  });

  it('puts a node joined from two branches between them', () => {
    const positions = layeredLayout(graph('a', ['a', 'l', 'r', 'j'], [['a', 'l'], ['a', 'r'], ['l', 'j'], ['r', 'j']]), '@t');
    expect(positions.get('j')!.x).toBeCloseTo((positions.get('l')!.x + positions.get('r')!.x) / 2);
  });
});
