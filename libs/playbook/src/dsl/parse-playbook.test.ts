import { demoRequestFollowUp } from '../examples';
import { end, playbookWith } from '../test-support/playbook-builder';
import { PLAYBOOK_LIMITS } from './limits';
import { formatPath, parsePlaybook } from './parse-playbook';

const problemsFor = (input: unknown) => {
  const result = parsePlaybook(input);
  if (result.ok) throw new Error('expected schema problems');
  return result.problems;
};
const messagesFor = (input: unknown) => problemsFor(input).map((problem) => problem.message);
const withNode = (step: unknown) => ({ ...playbookWith({ n: end }, []), nodes: { n: step } });

describe('parsePlaybook', () => {
  it('returns the playbook when the shape is right, unchanged', () => {
    const copy = JSON.parse(JSON.stringify(demoRequestFollowUp)) as unknown;
    expect(parsePlaybook(copy)).toEqual({ ok: true, playbook: demoRequestFollowUp });
  });

  it('names the field and the node of every problem', () => {
    const problems = problemsFor(withNode({ kind: 'action', connector: 'email', action: 'send', input: { to: 'x' }, retry: { maximumAttempts: 0 } }));
    expect(problems).toEqual([
      { code: 'schema', nodeId: 'n', path: ['nodes', 'n', 'connection'], message: 'nodes.n.connection: is required (string)' },
      {
        code: 'schema',
        nodeId: 'n',
        path: ['nodes', 'n', 'retry', 'maximumAttempts'],
        message: 'nodes.n.retry.maximumAttempts: Too small: expected number to be >=1',
      },
    ]);
  });

  it('ties edge problems to the edge index', () => {
    const input = { ...playbookWith({ n: end }, []), edges: [{ from: 'n', to: 'n', port: '' }] };
    expect(problemsFor(input)).toEqual([
      { code: 'schema', edgeIndex: 0, path: ['edges', 0, 'port'], message: 'edges[0].port: port must not be empty (leave it out instead)' },
    ]);
  });

  it('only accepts schemaVersion 1', () => {
    expect(messagesFor({ ...playbookWith({ n: end }, []), schemaVersion: 2 })).toEqual(['schemaVersion: schemaVersion must be 1']);
  });

  it('names unknown step kinds, unknown fields and bad enums', () => {
    expect(messagesFor(withNode({ kind: 'sleep' }))).toEqual([
      'nodes.n.kind: kind must be one of: condition, split, wait, waitForEvent, score, approval, action, parallel, join, end',
    ]);
    expect(messagesFor(withNode({ kind: 'end', colour: 'red', size: 2 }))).toEqual(['nodes.n: unknown fields "colour", "size"']);
    expect(messagesFor(withNode({ kind: 'approval', assignees: {}, timeout: '1d', onTimeout: 'maybe' }))).toEqual([
      'nodes.n.onTimeout: onTimeout must be "reject" or "approve"',
    ]);
    expect(messagesFor({ ...playbookWith({ n: end }, []), enrollment: { subject: 'team', reenroll: 'sometimes' } })).toEqual([
      'enrollment.subject: subject must be "person" or "account"',
      'enrollment.reenroll: reenroll must be "never", "always" or { "afterDays": number }',
    ]);
  });

  it('checks every duration', () => {
    expect(messagesFor(withNode({ kind: 'waitForEvent', event: { name: 'x' }, timeout: '2 days' }))[0]).toMatch(/^nodes\.n\.timeout: "2 days" is not a duration/);
    expect(messagesFor(withNode({ kind: 'action', connector: 'a', action: 'b', connection: 'c', input: {}, retry: { initialInterval: '0s' } }))).toEqual([
      'nodes.n.retry.initialInterval: "0s" is not a duration: it must be longer than zero',
    ]);
  });

  describe('filters', () => {
    const condition = (when: unknown) => withNode({ kind: 'condition', when });

    it('accepts nested groups and every value type', () => {
      const when = {
        any: [
          { property: 'person.traits.plan', operator: 'in', value: ['pro', 1, true, null] },
          { all: [{ property: 'event.name', operator: 'exists' }] },
        ],
      };
      expect(parsePlaybook(condition(when)).ok).toBe(true);
    });

    it('refuses a filter that is neither a rule nor a group, or both', () => {
      expect(messagesFor(condition({}))).toEqual(['nodes.n.when: a filter needs "property" and "operator", or an "all" / "any" group']);
      expect(messagesFor(condition({ all: [], any: [] }))).toEqual(['nodes.n.when: a group has either "all" or "any", not both']);
      expect(messagesFor(condition({ property: 'a', operator: 'eq', all: [] }))).toEqual([
        'nodes.n.when: a filter is either a rule (property, operator, value) or a group (all / any), not both',
      ]);
      expect(messagesFor(condition({ property: 'a' }))).toEqual(['nodes.n.when.operator: operator is required in a rule']);
    });

    it('names a bad operator and a bad value deep inside a group', () => {
      expect(messagesFor(condition({ all: [{ any: [{ property: 'a', operator: 'like', value: { x: 1 } }] }] }))).toEqual([
        'nodes.n.when.all[0].any[0].operator: operator must be one of: eq, neq, gt, gte, lt, lte, contains, notContains, startsWith, endsWith, in, notIn, exists, notExists',
        'nodes.n.when.all[0].any[0].value: value must be a string, a number, true/false, null or a list of those',
      ]);
    });

    it.each(['__proto__', 'person.constructor', 'event.properties.prototype.x'])('refuses the prototype path %s', (property) => {
      expect(messagesFor(condition({ property, operator: 'exists' }))[0]).toMatch(/is not allowed in a property path$/);
    });

    it('refuses malformed paths', () => {
      expect(messagesFor(condition({ property: 'person..email', operator: 'exists' }))).toEqual([
        'nodes.n.when.property: "person..email" has an empty part: write names separated by single dots',
      ]);
      expect(messagesFor(condition({ property: Array(12).fill('a').join('.'), operator: 'exists' }))).toEqual([
        'nodes.n.when.property: a property path has at most 10 parts',
      ]);
    });
  });

  describe('node ids and hostile documents', () => {
    it.each(['', '-start', 'has space', 'a/b', 'x'.repeat(101), 'constructor', 'prototype'])('refuses the node id %j', (id) => {
      const problems = problemsFor({ ...playbookWith({ n: end }, []), nodes: { [id]: { kind: 'end' } } });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ code: 'schema', path: ['nodes', id] });
      expect(problems[0]!.message).toMatch(/node id/);
    });

    it('refuses a "__proto__" key from JSON instead of dropping it silently', () => {
      const json = JSON.stringify(playbookWith({ n: end }, [])).replace('"nodes":{', '"nodes":{"__proto__":{"kind":"end"},');
      expect(problemsFor(JSON.parse(json))).toEqual([
        { code: 'schema', nodeId: '__proto__', path: ['nodes', '__proto__'], message: 'nodes.__proto__: "__proto__" is not allowed as a key' },
      ]);
      expect(({} as Record<string, unknown>)['kind']).toBeUndefined();
    });

    it('refuses more than the node cap', () => {
      const nodes = Object.fromEntries(Array.from({ length: PLAYBOOK_LIMITS.maxNodes + 1 }, (_, index) => [`n${index}`, end]));
      expect(messagesFor(playbookWith(nodes, []))).toEqual(['nodes: a playbook has at most 500 nodes']);
    });

    it('refuses deep nesting before it can exhaust the stack', () => {
      let when: unknown = { property: 'a', operator: 'exists' };
      for (let level = 0; level < 10_000; level += 1) when = { all: [when] };
      const problems = problemsFor(withNode({ kind: 'condition', when }));
      expect(problems).toHaveLength(1);
      expect(problems[0]!.message).toMatch(/nested too deeply: at most 40 levels$/);
      expect(problems[0]!.nodeId).toBe('n');
    });

    it('refuses a cyclic object', () => {
      const input = playbookWith({ n: end }, []) as unknown as Record<string, unknown>;
      input['description'] = input;
      expect(messagesFor(input)[0]).toMatch(/nested too deeply/);
    });

    it('refuses huge documents and huge strings', () => {
      const bigInput = Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`k${index}`, Array(3000).fill(1)]));
      expect(messagesFor(withNode({ kind: 'action', connector: 'a', action: 'b', connection: 'c', input: bigInput }))).toEqual([
        'playbook: the playbook is too large: more than 200000 values',
      ]);
      expect(messagesFor({ ...playbookWith({ n: end }, []), description: 'x'.repeat(1_000_001) })).toEqual([
        'description: text is too long: at most 1000000 characters',
      ]);
    });

    it('caps action inputs and refuses reserved input names', () => {
      const input = Object.fromEntries(Array.from({ length: 101 }, (_, index) => [`k${index}`, 'v']));
      expect(messagesFor(withNode({ kind: 'action', connector: 'a', action: 'b', connection: 'c', input }))).toEqual([
        'nodes.n.input: an action has at most 100 inputs',
      ]);
      expect(messagesFor(withNode({ kind: 'action', connector: 'a', action: 'b', connection: 'c', input: { constructor: 'x' } }))).toEqual([
        'nodes.n.input.constructor: this input name is a reserved word',
      ]);
    });
  });
});

describe('formatPath', () => {
  it('writes paths the way people read them', () => {
    expect(formatPath([])).toBe('playbook');
    expect(formatPath(['edges', 2, 'from'])).toBe('edges[2].from');
    expect(formatPath(['nodes', 'a', 'when', 'all', 0])).toBe('nodes.a.when.all[0]');
  });
});
