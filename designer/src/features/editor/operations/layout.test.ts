import { demoRequestFollowUp, type Playbook } from '@tripline/playbook';
import { nodePositions } from '../../../canvas/to-flow';
import { autoLayout } from './auto-layout';
import { withFullLayout } from './layout';
import { moveNodes } from './move';
import { setTrigger } from './set-trigger';
import { setStart, updateNode } from './update-node';

const playbook = (): Playbook => structuredClone(demoRequestFollowUp);
function unplaced(): Playbook {
  const { layout: _layout, ...rest } = playbook();
  return rest;
}

describe('positions', () => {
  it('pins steps the layered layout placed where they are drawn, so an edit does not move them', () => {
    const document = unplaced();
    const drawn = nodePositions(document);
    const pinned = withFullLayout(document);
    for (const id of Object.keys(document.nodes)) expect(pinned.layout![id]).toEqual(drawn.get(id));
    expect(withFullLayout(playbook())).toEqual(playbook());
  });

  it('moves steps into the layout; a move to where they are is no change at all', () => {
    const document = playbook();
    const moved = moveNodes(document, { done: { x: 500, y: 600 }, '@trigger': { x: 1, y: 1 } });
    expect(moved.ok && moved.document.layout!['done']).toEqual({ x: 500, y: 600 });
    expect(moved.ok && moved.document.layout).not.toHaveProperty('@trigger');
    const still = moveNodes(document, { done: document.layout!['done']! });
    expect(still.ok && still.document).toBe(document);
  });

  it('auto-layout places every step by the layered layout', () => {
    const result = autoLayout(playbook());
    if (!result.ok) throw new Error(result.message);
    expect(Object.keys(result.document.layout!).sort()).toEqual(Object.keys(playbook().nodes).sort());
    expect(result.document.layout!['has-email']!.y).toBeLessThan(result.document.layout!['send-confirmation']!.y);
  });
});

describe('updateNode, setStart, setTrigger', () => {
  it('changes fields, removes a field set to undefined, and keeps the kind', () => {
    const result = updateNode(playbook(), 'done', { label: undefined });
    expect(result.ok && result.document.nodes['done']).toEqual({ kind: 'end' });
    const relabelled = updateNode(playbook(), 'done', { label: 'Finished' });
    expect(relabelled.ok && relabelled.document.nodes['done']!.label).toBe('Finished');
    expect(updateNode(playbook(), 'done', { kind: 'wait' })).toEqual({ ok: false, message: 'A step keeps its kind: add a new step instead.' });
    expect(updateNode(playbook(), 'gone', {})).toEqual({ ok: false, message: 'There is no step "gone".' });
    const document = playbook();
    const same = updateNode(document, 'done', { label: 'Confirmation sent' });
    expect(same.ok && same.document).toBe(document);
  });

  it('sets the first step and the trigger', () => {
    expect(setStart(playbook(), 'done')).toMatchObject({ ok: true, document: { start: 'done' } });
    const trigger = { kind: 'inactivity', days: 14 } as const;
    expect(setTrigger(playbook(), trigger)).toMatchObject({ ok: true, document: { trigger } });
  });
});
