import type { Step } from '../../dsl/types';
import { end, hasEmail, playbookWith, wait } from '../../test-support/playbook-builder';
import { messagesOf, problemsOf } from '../../test-support/problems';

const split: Step = { kind: 'split', variants: [{ port: 'A', percent: 50 }, { port: 'B', percent: 50 }] };

describe('invalid_port', () => {
  it('accepts yes/no on conditions and may leave a branch out (the run ends there)', () => {
    expect(problemsOf(playbookWith({ c: hasEmail, done: end }, [{ from: 'c', to: 'done', port: 'yes' }]))).toEqual([]);
  });

  it('flags a condition edge without a port or with another port', () => {
    const playbook = playbookWith({ c: hasEmail, x: end, y: end }, [{ from: 'c', to: 'x' }, { from: 'c', to: 'y', port: 'maybe' }]);
    expect(problemsOf(playbook)).toEqual([
      { code: 'invalid_port', edgeIndex: 0, nodeId: 'c' },
      { code: 'invalid_port', edgeIndex: 1, nodeId: 'c' },
    ]);
    expect(messagesOf(playbook)).toEqual([
      'edge 0: leaves condition "c" without a port; use "yes" or "no"',
      'edge 1: leaves condition "c" by port "maybe"; use "yes" or "no"',
    ]);
  });

  it('flags a split edge whose port is not a declared variant', () => {
    const playbook = playbookWith({ s: split, a: end, c: end }, [{ from: 's', to: 'a', port: 'A' }, { from: 's', to: 'c', port: 'C' }]);
    expect(problemsOf(playbook)).toEqual([{ code: 'invalid_port', edgeIndex: 1, nodeId: 's' }]);
    expect(messagesOf(playbook)).toEqual(['edge 1: leaves split "s" by port "C"; use one of its variant ports ("A", "B")']);
  });

  it('flags a port on kinds that have none, and edges out of an end', () => {
    const playbook = playbookWith({ w: wait, e: end, f: end }, [{ from: 'w', to: 'e', port: 'yes' }, { from: 'e', to: 'f' }]);
    expect(problemsOf(playbook)).toEqual([
      { code: 'invalid_port', edgeIndex: 0, nodeId: 'w' },
      { code: 'invalid_port', edgeIndex: 1, nodeId: 'e' },
      // reachability follows every edge, valid port or not, so f is not reported as unreachable
    ]);
    expect(messagesOf(playbook)[1]).toBe('edge 1: leaves end node "e"; an end has no outgoing edges');
  });
});

describe('missing_port (two edges from one port)', () => {
  it('flags a second yes edge', () => {
    const playbook = playbookWith({ c: hasEmail, x: end, y: end }, [{ from: 'c', to: 'x', port: 'yes' }, { from: 'c', to: 'y', port: 'yes' }]);
    expect(problemsOf(playbook)).toEqual([{ code: 'missing_port', edgeIndex: 1, nodeId: 'c' }]);
    expect(messagesOf(playbook)).toEqual([
      'edge 1: is a second edge from port "yes" (edge 0 is the first) of condition node "c"; each port leads to one next node',
    ]);
  });

  it('flags a second edge from a node with one output', () => {
    const playbook = playbookWith({ w: wait, x: end, y: end }, [{ from: 'w', to: 'x' }, { from: 'w', to: 'y' }]);
    expect(problemsOf(playbook)).toEqual([{ code: 'missing_port', edgeIndex: 1, nodeId: 'w' }]);
  });

  it('lets parallel fan out, but not twice to the same node', () => {
    const fanOut = playbookWith(
      { p: { kind: 'parallel' }, x: wait, y: wait, j: { kind: 'join' }, done: end },
      [{ from: 'p', to: 'x' }, { from: 'p', to: 'y' }, { from: 'x', to: 'j' }, { from: 'y', to: 'j' }, { from: 'j', to: 'done' }],
    );
    expect(problemsOf(fanOut)).toEqual([]);
    const twice = playbookWith({ p: { kind: 'parallel' }, x: end }, [{ from: 'p', to: 'x' }, { from: 'p', to: 'x' }]);
    expect(problemsOf(twice)).toEqual([{ code: 'missing_port', edgeIndex: 1, nodeId: 'p' }]);
  });
});

describe('named ports of waiting steps', () => {
  const approval: Step = { kind: 'approval', assignees: { roles: ['approver'] }, timeout: '2d', onTimeout: 'reject' };

  it('an approval leaves unnamed (approved) and by "rejected", nothing else', () => {
    const ok = playbookWith({ g: approval, yes: end, no: end }, [{ from: 'g', to: 'yes' }, { from: 'g', to: 'no', port: 'rejected' }]);
    expect(problemsOf(ok)).toEqual([]);
    const bad = playbookWith({ g: approval, no: end }, [{ from: 'g', to: 'no', port: 'denied' }]);
    expect(messagesOf(bad)).toEqual(['edge 0: leaves approval node "g" by port "denied"; use no port or "rejected"']);
  });
});
