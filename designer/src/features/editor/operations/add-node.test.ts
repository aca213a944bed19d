import { demoRequestFollowUp, NODE_ID_PATTERN, parsePlaybook, STEP_KINDS, type Playbook, type StepKind } from '@tripline/playbook';
import { addNode } from './add-node';
import { defaultStep } from './default-steps';
import { freshNodeId, idBase } from './node-ids';

const playbook = (): Playbook => structuredClone(demoRequestFollowUp);

describe('node ids', () => {
  it('are readable, valid DSL ids and never reuse a taken one', () => {
    expect(idBase('waitForEvent')).toBe('wait-for-event');
    expect(idBase('Send email!')).toBe('send-email');
    expect(idBase('wait-3')).toBe('wait');
    expect(idBase('---')).toBe('step');
    const taken = new Set(['wait-1', 'wait-2']);
    expect(freshNodeId('wait', (id) => taken.has(id))).toBe('wait-3');
    expect(NODE_ID_PATTERN.test(freshNodeId('Ünïcode ✓', () => false))).toBe(true);
  });
});

describe('addNode', () => {
  it('adds a step of a kind with its defaults at the position, selects it, and keeps the old steps where they were', () => {
    const before = playbook();
    const result = addNode(before, 'wait', { x: 300.4, y: 99.6 });
    if (!result.ok) throw new Error(result.message);
    expect(result.nodeId).toBe('wait-1');
    expect(result.document.nodes['wait-1']).toEqual({ kind: 'wait', label: 'Wait', for: '2d' });
    expect(result.document.layout!['wait-1']).toEqual({ x: 300, y: 100 });
    expect(result.document.layout!['has-email']).toEqual(before.layout!['has-email']);
    expect(result.selection).toEqual({ nodes: ['wait-1'], edges: [] });
    expect(result.document.start).toBe('has-email');
    expect(before.nodes['wait-1']).toBeUndefined(); // the document given is never changed
  });

  it('gives every new node a fresh id', () => {
    let document = playbook();
    const ids: string[] = [];
    for (let n = 0; n < 3; n += 1) {
      const result = addNode(document, { step: defaultStep('end'), idBase: 'done' }, { x: 0, y: 0 });
      if (!result.ok) throw new Error(result.message);
      document = result.document;
      ids.push(result.nodeId!);
    }
    expect(ids).toEqual(['done-1', 'done-2', 'done-3']);
  });

  it('makes the first step of an empty playbook its start', () => {
    const empty: Playbook = { ...playbook(), start: '', nodes: {}, edges: [], layout: {} };
    const result = addNode(empty, 'condition', { x: 0, y: 0 });
    expect(result.ok && result.document.start).toBe('condition-1');
  });

  it.each(STEP_KINDS as readonly StepKind[])('the default %s step has the shape of the DSL', (kind) => {
    const result = addNode(playbook(), kind, { x: 0, y: 0 });
    if (!result.ok) throw new Error(result.message);
    expect(parsePlaybook(result.document)).toMatchObject({ ok: true });
  });
});
