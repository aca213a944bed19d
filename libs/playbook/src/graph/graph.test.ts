import type { Step } from '../dsl/types';
import { emailAction, end, hasEmail, playbookWith, wait } from '../test-support/playbook-builder';
import { cyclicComponents } from './cycles';
import { describeStep } from './describe-step';
import { getStep, hasNode, incomingEdges, nextNode, outgoingEdges } from './nodes';
import { outputPorts } from './ports';
import { reachableFrom } from './reachable';

const playbook = playbookWith(
  { check: hasEmail, send: emailAction(), pause: wait, done: end, island: end },
  [
    { from: 'check', to: 'send', port: 'yes' },
    { from: 'check', to: 'done', port: 'no' },
    { from: 'send', to: 'pause' },
    { from: 'pause', to: 'done' },
    { from: 'pause', to: 'ghost' },
  ],
);

describe('edges and next nodes', () => {
  it('lists outgoing and incoming edges in order', () => {
    expect(outgoingEdges(playbook, 'check')).toEqual([
      { from: 'check', to: 'send', port: 'yes' },
      { from: 'check', to: 'done', port: 'no' },
    ]);
    expect(incomingEdges(playbook, 'done').map((edge) => edge.from)).toEqual(['check', 'pause']);
    expect(outgoingEdges(playbook, 'done')).toEqual([]);
  });

  it('follows a port, or the unnamed output', () => {
    expect(nextNode(playbook, 'check', 'yes')).toBe('send');
    expect(nextNode(playbook, 'check', 'no')).toBe('done');
    expect(nextNode(playbook, 'check')).toBeUndefined();
    expect(nextNode(playbook, 'send')).toBe('pause');
    expect(nextNode(playbook, 'send', 'yes')).toBeUndefined();
    expect(nextNode(playbook, 'done')).toBeUndefined();
  });

  it('looks nodes up by own key only', () => {
    expect(hasNode(playbook, 'send')).toBe(true);
    expect(hasNode(playbook, 'constructor')).toBe(false);
    expect(hasNode(playbook, 'toString')).toBe(false);
    expect(getStep(playbook, '__proto__')).toBeUndefined();
    expect(getStep(playbook, 'done')).toEqual(end);
  });
});

describe('reachableFrom', () => {
  it('finds every node a run can reach, breadth first, ignoring unknown targets', () => {
    expect([...reachableFrom(playbook, 'check')]).toEqual(['check', 'send', 'done', 'pause']);
    expect([...reachableFrom(playbook, 'pause')]).toEqual(['pause', 'done']);
    expect(reachableFrom(playbook, 'island').has('check')).toBe(false);
  });

  it('is empty for an unknown node', () => {
    expect(reachableFrom(playbook, 'ghost').size).toBe(0);
  });

  it('handles cycles and long chains', () => {
    const ids = Array.from({ length: 500 }, (_, index) => `n${index}`);
    const chain = playbookWith(
      Object.fromEntries(ids.map((id) => [id, wait])),
      [...ids.slice(1).map((id, index) => ({ from: ids[index]!, to: id })), { from: 'n499', to: 'n0' }],
    );
    expect(reachableFrom(chain, 'n250').size).toBe(500);
  });
});

describe('cyclicComponents', () => {
  const successors = (pairs: [string, string][]) => {
    const map = new Map<string, string[]>();
    for (const [from, to] of pairs) map.set(from, [...(map.get(from) ?? []), to]);
    return map;
  };

  it('finds each loop once, in node order', () => {
    expect(cyclicComponents(['a', 'b', 'c', 'd', 'e'], successors([['a', 'b'], ['b', 'c'], ['c', 'a'], ['c', 'd'], ['e', 'e']]))).toEqual([
      ['a', 'b', 'c'],
      ['e'],
    ]);
  });

  it('finds nothing in a DAG', () => {
    expect(cyclicComponents(['a', 'b', 'c'], successors([['a', 'b'], ['a', 'c'], ['b', 'c']]))).toEqual([]);
  });

  it('does not overflow the stack on a 100 000-node chain', () => {
    const ids = Array.from({ length: 100_000 }, (_, index) => `n${index}`);
    const pairs = ids.slice(1).map((id, index) => [ids[index]!, id] as [string, string]);
    pairs.push(['n99999', 'n0']);
    const components = cyclicComponents(ids, successors(pairs));
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(100_000);
  });
});

describe('outputPorts', () => {
  it('names the ports edges may use', () => {
    expect(outputPorts(hasEmail)).toEqual(['yes', 'no']);
    expect(outputPorts({ kind: 'split', variants: [{ port: 'A', percent: 50 }, { port: 'B', percent: 50 }] })).toEqual(['A', 'B']);
    expect(outputPorts(end)).toEqual([]);
    expect(outputPorts(wait)).toEqual([undefined]);
  });
});

describe('describeStep', () => {
  it.each<[Step, string]>([
    [{ kind: 'wait', for: '2d' }, 'Wait 2 days'],
    [{ kind: 'wait', until: { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 } }, 'Wait until business hours (Mon–Fri 9:00–17:00)'],
    [{ kind: 'wait', for: '1h', until: { timeZone: 'Europe/Berlin', days: [6, 0], startHour: 10, endHour: 12 } }, 'Wait 1 hour, then until business hours (Sun, Sat 10:00–12:00 Europe/Berlin)'],
    [{ kind: 'wait' }, 'Wait (not configured)'],
    [{ kind: 'condition', when: { property: 'event.properties.plan', operator: 'eq', value: 'pro' } }, 'If plan = pro'],
    [emailAction({ to: 'x', subject: '{{subject}}' }), 'Send email: {{subject}}'],
    [emailAction({ to: 'x' }), 'Send email'],
    [{ kind: 'action', connector: 'hubspot', action: 'createTask', connection: 'hs', input: {} }, 'hubspot: createTask'],
    [{ kind: 'action', connector: '', action: '', connection: '', input: {} }, 'Action (not configured)'],
    [{ kind: 'split', variants: [{ port: 'A', percent: 90 }, { port: 'B', percent: 10 }] }, 'Split A 90% / B 10%'],
    [{ kind: 'waitForEvent', event: { name: 'Demo Booked' }, timeout: '1w' }, 'Wait for "Demo Booked" (up to 1 week)'],
    [{ kind: 'score', model: 'pql' }, 'Score with pql'],
    [{ kind: 'score', model: 'pql', adjust: 10 }, 'Adjust pql score by +10'],
    [{ kind: 'score', model: 'pql', adjust: -5 }, 'Adjust pql score by -5'],
    [{ kind: 'approval', assignees: { roles: ['sales-manager'], users: ['ann'] }, timeout: '48h', onTimeout: 'approve' }, 'Approval by role sales-manager, ann (48 hours, then approve)'],
    [{ kind: 'approval', assignees: {}, timeout: '1d', onTimeout: 'reject' }, 'Approval by nobody yet (1 day, then reject)'],
    [{ kind: 'parallel' }, 'Run branches in parallel'],
    [{ kind: 'join' }, 'Wait for all branches'],
    [end, 'End'],
  ])('%j → %s', (step, text) => {
    expect(describeStep(step)).toBe(text);
  });

  it('stays short for a long subject', () => {
    expect(describeStep(emailAction({ to: 'x', subject: 'y'.repeat(500) })).length).toBe(140);
  });
});
