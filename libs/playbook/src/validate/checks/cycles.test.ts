import type { Step } from '../../dsl/types';
import { emailAction, end, hasEmail, playbookWith, wait } from '../../test-support/playbook-builder';
import { messagesOf, problemsOf } from '../../test-support/problems';

describe('cycle_without_wait', () => {
  it('flags a loop with no waiting step, once, at its first node', () => {
    const playbook = playbookWith(
      { check: hasEmail, send: emailAction(), done: end },
      [{ from: 'check', to: 'send', port: 'yes' }, { from: 'send', to: 'check' }, { from: 'check', to: 'done', port: 'no' }],
    );
    expect(problemsOf(playbook)).toEqual([{ code: 'cycle_without_wait', nodeId: 'check' }]);
    expect(messagesOf(playbook)).toEqual([
      'node "check": is in a loop ("check", "send") with no wait, waitForEvent or approval step; a run would repeat it without pause',
    ]);
  });

  it('flags a node that leads to itself', () => {
    const playbook = playbookWith({ c: hasEmail, done: end }, [{ from: 'c', to: 'c', port: 'yes' }, { from: 'c', to: 'done', port: 'no' }]);
    expect(problemsOf(playbook)).toEqual([{ code: 'cycle_without_wait', nodeId: 'c' }]);
  });

  it.each<[string, Step]>([
    ['wait', wait],
    ['waitForEvent', { kind: 'waitForEvent', event: { name: 'Logged In' }, timeout: '1d' }],
    ['approval', { kind: 'approval', assignees: { roles: ['manager'] }, timeout: '2d', onTimeout: 'reject' }],
  ])('accepts a loop through a %s step', (_kind, pause) => {
    const playbook = playbookWith(
      { check: hasEmail, pause, done: end },
      [{ from: 'check', to: 'pause', port: 'yes' }, { from: 'pause', to: 'check' }, { from: 'check', to: 'done', port: 'no' }],
    );
    expect(problemsOf(playbook)).toEqual([]);
  });

  it('reports two separate loops separately', () => {
    const playbook = playbookWith(
      { a: hasEmail, b: emailAction(), c: hasEmail, d: emailAction(), done: end },
      [
        { from: 'a', to: 'b', port: 'yes' },
        { from: 'b', to: 'a' },
        { from: 'a', to: 'c', port: 'no' },
        { from: 'c', to: 'd', port: 'yes' },
        { from: 'd', to: 'c' },
        { from: 'c', to: 'done', port: 'no' },
      ],
    );
    expect(problemsOf(playbook)).toEqual([
      { code: 'cycle_without_wait', nodeId: 'a' },
      { code: 'cycle_without_wait', nodeId: 'c' },
    ]);
  });

  it('flags the inner loop when only the outer loop waits', () => {
    const playbook = playbookWith(
      { a: hasEmail, b: hasEmail, pause: wait, done: end },
      [
        { from: 'a', to: 'b', port: 'yes' },
        { from: 'b', to: 'a', port: 'yes' },
        { from: 'b', to: 'pause', port: 'no' },
        { from: 'pause', to: 'a' },
        { from: 'a', to: 'done', port: 'no' },
      ],
    );
    expect(problemsOf(playbook)).toEqual([{ code: 'cycle_without_wait', nodeId: 'a' }]);
  });
});
