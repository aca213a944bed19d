import { demoRequestFollowUp, validate, type Playbook } from '@tripline/playbook';
import { TRIGGER_NODE_ID } from '../../../canvas/to-flow';
import { connect } from './connect';

/** Trigger → has-email (yes → send-confirmation → done, no → no-email), plus loose steps to wire. */
function playbook(): Playbook {
  const base = structuredClone(demoRequestFollowUp);
  return {
    ...base,
    nodes: {
      ...base.nodes,
      wait: { kind: 'wait', for: '1d' },
      both: { kind: 'parallel' },
      gate: { kind: 'approval', assignees: { roles: ['approver'] }, timeout: '1d', onTimeout: 'reject' },
      ab: { kind: 'split', variants: [{ port: 'a', percent: 50 }, { port: 'b', percent: 50 }] },
    },
  };
}

const refusal = (result: ReturnType<typeof connect>) => (result.ok ? null : result.message);

describe('connect', () => {
  it('adds an edge from an unnamed output', () => {
    const result = connect(playbook(), 'wait', 'done');
    expect(result.ok && result.document.edges.at(-1)).toEqual({ from: 'wait', to: 'done' });
  });

  it('uses the named ports of a step', () => {
    expect(connect(playbook(), 'ab', 'done', 'a').ok).toBe(true);
    expect(connect(playbook(), 'gate', 'done', 'rejected').ok).toBe(true);
    expect(connect(playbook(), 'gate', 'done').ok).toBe(true);
  });

  it('refuses a port the step does not have, and says which it has', () => {
    expect(refusal(connect(playbook(), 'wait', 'done', 'yes'))).toBe('"wait" has no port "yes"; use its output.');
    expect(refusal(connect(playbook(), 'has-email', 'wait'))).toBe('"has-email" has no unnamed output; use "yes" or "no".');
    expect(refusal(connect(playbook(), 'gate', 'done', 'maybe'))).toBe('"gate" has no port "maybe"; use its output or "rejected".');
  });

  it('refuses self loops, edges out of an end, into the trigger, and to steps that do not exist', () => {
    expect(refusal(connect(playbook(), 'wait', 'wait'))).toBe('A step cannot lead to itself.');
    expect(refusal(connect(playbook(), 'done', 'wait'))).toBe('"done" is an end: nothing comes after it.');
    expect(refusal(connect(playbook(), 'wait', TRIGGER_NODE_ID))).toMatch(/^Nothing leads into the trigger/);
    expect(refusal(connect(playbook(), 'wait', 'nowhere'))).toBe('There is no step "nowhere".');
  });

  it('refuses a duplicate edge', () => {
    expect(refusal(connect(playbook(), 'has-email', 'send-confirmation', 'yes'))).toBe('"has-email" already leads to "send-confirmation" by port "yes".');
    const once = connect(playbook(), 'both', 'wait');
    if (!once.ok) throw new Error(once.message);
    expect(refusal(connect(once.document, 'both', 'wait'))).toBe('"both" already leads to "wait" by its output.');
  });

  it('re-points a port that already leads somewhere, since each port leads to one next step', () => {
    const result = connect(playbook(), 'has-email', 'wait', 'no');
    if (!result.ok) throw new Error(result.message);
    expect(result.document.edges).toContainEqual({ from: 'has-email', to: 'wait', port: 'no' });
    expect(result.document.edges).not.toContainEqual({ from: 'has-email', to: 'no-email', port: 'no' });
    expect(result.message).toBe('Port "no" of "has-email" now leads to "wait" instead of "no-email".');
  });

  it('lets a parallel fan out to several steps', () => {
    const one = connect(playbook(), 'both', 'wait');
    if (!one.ok) throw new Error(one.message);
    const two = connect(one.document, 'both', 'gate');
    if (!two.ok) throw new Error(two.message);
    expect(two.document.edges.filter((e) => e.from === 'both').map((e) => e.to)).toEqual(['wait', 'gate']);
  });

  it('connecting the trigger to a step makes it the first step', () => {
    const result = connect(playbook(), TRIGGER_NODE_ID, 'wait');
    expect(result.ok && result.document.start).toBe('wait');
    expect(refusal(connect(playbook(), TRIGGER_NODE_ID, 'has-email'))).toBe('"has-email" is already the first step.');
  });

  it('never draws an edge validate() refuses for its port', () => {
    const document = playbook();
    for (const [from, to, port] of [['wait', 'done', undefined], ['ab', 'done', 'b'], ['gate', 'no-email', 'rejected']] as const) {
      const result = connect(document, from, to, port);
      if (!result.ok) throw new Error(result.message);
      const portProblems = validate(result.document).problems.filter((p) => p.code === 'invalid_port' || p.code === 'missing_port');
      expect(portProblems).toEqual([]);
    }
  });
});
