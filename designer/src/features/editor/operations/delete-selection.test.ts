import { demoRequestFollowUp, type Playbook } from '@tripline/playbook';
import { TRIGGER_NODE_ID } from '../../../canvas/to-flow';
import { deleteSelection } from './delete-selection';
import { edgeKey } from './types';

const playbook = (): Playbook => structuredClone(demoRequestFollowUp);

describe('deleteSelection', () => {
  it('removes the steps with every edge touching them, and their positions', () => {
    const result = deleteSelection(playbook(), { nodes: ['send-confirmation'], edges: [] });
    if (!result.ok) throw new Error(result.message);
    expect(Object.keys(result.document.nodes)).toEqual(['has-email', 'done', 'no-email']);
    expect(result.document.edges).toEqual([{ from: 'has-email', to: 'no-email', port: 'no' }]);
    expect(result.document.layout).not.toHaveProperty('send-confirmation');
    expect(result.selection).toEqual({ nodes: [], edges: [] });
    expect(result.message).toBe('Deleted 1 step and 2 connections.');
  });

  it('removes selected edges by their key', () => {
    const result = deleteSelection(playbook(), { nodes: [], edges: [edgeKey({ from: 'has-email', to: 'no-email', port: 'no' })] });
    if (!result.ok) throw new Error(result.message);
    expect(result.document.edges).toHaveLength(2);
    expect(Object.keys(result.document.nodes)).toHaveLength(4);
  });

  it('re-points start to the one step the deleted first step led to', () => {
    const chain: Playbook = { ...playbook(), start: 'send-confirmation' };
    const result = deleteSelection(chain, { nodes: ['send-confirmation'], edges: [] });
    if (!result.ok) throw new Error(result.message);
    expect(result.document.start).toBe('done');
    expect(result.message).toContain('now starts at "done"');
  });

  it('clears start and says so when the first step branched to several', () => {
    const result = deleteSelection(playbook(), { nodes: ['has-email'], edges: [] });
    if (!result.ok) throw new Error(result.message);
    expect(result.document.start).toBe('');
    expect(result.message).toContain('connect the trigger');
  });

  it('keeps the trigger', () => {
    expect(deleteSelection(playbook(), { nodes: [TRIGGER_NODE_ID], edges: [] })).toEqual({
      ok: false,
      message: 'The trigger cannot be deleted: choose another one from the palette.',
    });
    const both = deleteSelection(playbook(), { nodes: [TRIGGER_NODE_ID, 'done'], edges: [] });
    expect(both.ok && Object.keys(both.document.nodes)).toEqual(['has-email', 'send-confirmation', 'no-email']);
  });
});
