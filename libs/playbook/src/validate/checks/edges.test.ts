import { end, playbookWith, wait } from '../../test-support/playbook-builder';
import { messagesOf, problemsOf } from '../../test-support/problems';

describe('dangling_edge', () => {
  it('flags an edge to an unknown node, tied to the edge and the node it leaves', () => {
    const playbook = playbookWith({ a: wait, b: end }, [{ from: 'a', to: 'b' }, { from: 'a', to: 'nowhere' }]);
    expect(problemsOf(playbook)).toEqual([
      { code: 'dangling_edge', edgeIndex: 1, nodeId: 'a' },
      // a second edge from the same unnamed output is reported too (see ports)
      { code: 'missing_port', edgeIndex: 1, nodeId: 'a' },
    ]);
    expect(messagesOf(playbook)[0]).toBe('edge 1: goes to "nowhere", which is not a node');
  });

  it('flags an edge from an unknown node, tied to the node it reaches', () => {
    const playbook = playbookWith({ a: wait, b: end }, [{ from: 'a', to: 'b' }, { from: 'ghost', to: 'b' }]);
    expect(problemsOf(playbook)).toEqual([{ code: 'dangling_edge', edgeIndex: 1, nodeId: 'b' }]);
  });

  it('flags both ends when neither is a node', () => {
    const playbook = playbookWith({ a: end }, [{ from: 'x', to: 'y' }]);
    expect(problemsOf(playbook)).toEqual([
      { code: 'dangling_edge', edgeIndex: 0 },
      { code: 'dangling_edge', edgeIndex: 0 },
    ]);
    expect(messagesOf(playbook)).toEqual(['edge 0: leaves "x", which is not a node', 'edge 0: goes to "y", which is not a node']);
  });
});
