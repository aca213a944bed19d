import { emailAction, end, playbookWith, wait } from '../../test-support/playbook-builder';
import { messagesOf, problemsOf } from '../../test-support/problems';

describe('unreachable_node', () => {
  it('flags every node start cannot reach', () => {
    const playbook = playbookWith(
      { start: wait, done: end, orphan: emailAction(), orphanEnd: end },
      [{ from: 'start', to: 'done' }, { from: 'orphan', to: 'orphanEnd' }],
    );
    expect(problemsOf(playbook)).toEqual([
      { code: 'unreachable_node', nodeId: 'orphan' },
      { code: 'unreachable_node', nodeId: 'orphanEnd' },
    ]);
    expect(messagesOf(playbook)[0]).toBe('node "orphan": cannot be reached from start "start"; connect it or delete it');
  });

  it('counts edges into the start node as no help', () => {
    const playbook = playbookWith({ start: end, before: wait }, [{ from: 'before', to: 'start' }]);
    expect(problemsOf(playbook)).toEqual([{ code: 'unreachable_node', nodeId: 'before' }]);
  });
});
