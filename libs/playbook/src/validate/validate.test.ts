import { EXAMPLE_PLAYBOOKS } from '../examples';
import { emailAction, end, hasEmail, playbookWith } from '../test-support/playbook-builder';
import { problemsOf } from '../test-support/problems';
import { validate } from './validate';

describe('validate', () => {
  it.each(EXAMPLE_PLAYBOOKS.map((playbook) => [playbook.name, playbook] as const))('accepts the example "%s"', (_name, playbook) => {
    expect(validate(playbook)).toEqual({ ok: true, problems: [] });
  });

  it('stops at schema problems (graph checks need the right shape)', () => {
    const playbook = playbookWith({ a: { kind: 'wait', for: 'soon' }, b: end }, [{ from: 'a', to: 'ghost' }], { start: 'nope' });
    expect(validate(playbook)).toEqual({
      ok: false,
      problems: [
        {
          code: 'schema',
          nodeId: 'a',
          path: ['nodes', 'a', 'for'],
          message: 'nodes.a.for: "soon" is not a duration: write a whole number and a unit s, m, h, d or w (e.g. "30s", "15m", "48h", "2d", "1w")',
        },
      ],
    });
  });

  it('reports every graph problem, grouped by check', () => {
    const playbook = playbookWith(
      { check: hasEmail, send: emailAction({ to: 'x', subject: 'y', text: 'z' }), loose: emailAction({}), done: end },
      [
        { from: 'check', to: 'send', port: 'yes' },
        { from: 'check', to: 'send', port: 'yes' },
        { from: 'send', to: 'check' },
        { from: 'send', to: 'ghost' },
      ],
    );
    expect(problemsOf(playbook)).toEqual([
      { code: 'dangling_edge', edgeIndex: 3, nodeId: 'send' },
      { code: 'missing_port', edgeIndex: 1, nodeId: 'check' },
      { code: 'missing_port', edgeIndex: 3, nodeId: 'send' },
      { code: 'missing_config', nodeId: 'loose' },
      { code: 'missing_config', nodeId: 'loose' },
      { code: 'missing_config', nodeId: 'loose' },
      { code: 'unreachable_node', nodeId: 'loose' },
      { code: 'unreachable_node', nodeId: 'done' },
      { code: 'cycle_without_wait', nodeId: 'check' },
    ]);
    expect(validate(playbook).ok).toBe(false);
  });

  it('refuses things that are not playbooks with a clear message', () => {
    expect(validate(undefined).problems[0]?.message).toBe('playbook: is required (object)');
    expect(validate('{}').problems[0]?.message).toBe('playbook: Invalid input: expected object, received string');
  });
});
