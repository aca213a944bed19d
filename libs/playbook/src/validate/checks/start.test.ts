import { end, playbookWith } from '../../test-support/playbook-builder';
import { messagesOf, problemsOf } from '../../test-support/problems';

describe('missing_start', () => {
  it('flags a start that names no node, and skips the unreachable check', () => {
    const playbook = playbookWith({ a: end, b: end }, [], { start: 'ghost' });
    expect(problemsOf(playbook)).toEqual([{ code: 'missing_start', nodeId: 'ghost' }]);
    expect(messagesOf(playbook)).toEqual(['start names "ghost", which is not a node']);
  });

  it('says so when start is not set', () => {
    expect(messagesOf(playbookWith({ a: end }, [], { start: '' }))).toEqual(['start is not set: choose the first node of the playbook']);
  });

  it('is not fooled by prototype names', () => {
    expect(problemsOf(playbookWith({ a: end }, [], { start: 'constructor' }))).toEqual([{ code: 'missing_start', nodeId: 'constructor' }]);
  });
});
