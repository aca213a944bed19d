import { demoRequestFollowUp, type Playbook } from '@tripline/playbook';
import { HISTORY_LIMIT } from '../features/editor/history';
import { edgeKey } from '../features/editor/operations/types';
import { PASTE_OFFSET, useEditorStore } from './editor-store';

const editor = () => useEditorStore.getState();
const document = () => editor().document!;

beforeEach(() => {
  useEditorStore.setState({ clipboard: null, pasteCount: 0 });
  editor().load('pb-1', structuredClone(demoRequestFollowUp) as Playbook);
});

describe('the editor store', () => {
  it('undoes and redoes each edit, and an edit after an undo drops the redo', () => {
    editor().addNode('wait', { x: 0, y: 500 });
    editor().connect('send-confirmation', 'wait-1');
    expect(document().edges).toContainEqual({ from: 'send-confirmation', to: 'wait-1' });
    editor().undo();
    expect(document().edges).not.toContainEqual({ from: 'send-confirmation', to: 'wait-1' });
    expect(document().nodes['wait-1']).toBeDefined();
    editor().undo();
    expect(document().nodes['wait-1']).toBeUndefined();
    editor().redo();
    expect(document().nodes['wait-1']).toBeDefined();
    editor().addNode('end', { x: 0, y: 700 });
    expect(editor().history.future).toEqual([]);
  });

  it('is dirty after an edit, clean once saved, and clean again when undone back to the saved state', () => {
    expect(editor().dirty).toBe(false);
    editor().addNode('wait', { x: 0, y: 0 });
    expect(editor().dirty).toBe(true);
    editor().undo();
    expect(editor().dirty).toBe(false);
    editor().redo();
    editor().markSaved();
    expect(editor().dirty).toBe(false);
    editor().undo();
    expect(editor().dirty).toBe(true);
  });

  it('keeps a bounded history', () => {
    for (let n = 0; n < HISTORY_LIMIT + 20; n += 1) editor().move({ done: { x: n + 1000, y: 0 } });
    expect(editor().history.past).toHaveLength(HISTORY_LIMIT);
  });

  it('records one drag of several steps as one step, and a move that changes nothing as none', () => {
    editor().move({ done: { x: 10, y: 10 }, 'no-email': { x: 20, y: 20 } });
    expect(editor().history.past).toHaveLength(1);
    editor().move({ done: { x: 10, y: 10 } });
    expect(editor().history.past).toHaveLength(1);
    editor().undo();
    expect(document().layout!['done']).toEqual(demoRequestFollowUp.layout!['done']);
    expect(document().layout!['no-email']).toEqual(demoRequestFollowUp.layout!['no-email']);
  });

  it('makes typing into a label one step', () => {
    for (const label of ['D', 'Do', 'Don', 'Done']) editor().updateNode('done', { label }, 'label:done');
    expect(editor().history.past).toHaveLength(1);
    editor().undo();
    expect(document().nodes['done']!.label).toBe('Confirmation sent');
  });

  it('pastes with fresh ids, each paste a little further away, and selects what it pasted', () => {
    editor().select({ nodes: ['has-email', 'send-confirmation'], edges: [] });
    editor().copy();
    editor().paste();
    editor().paste();
    expect(editor().selection.nodes).toEqual(['has-email-2', 'send-confirmation-2']);
    const original = demoRequestFollowUp.layout!['has-email']!;
    expect(document().layout!['has-email-1']).toEqual({ x: original.x + PASTE_OFFSET, y: original.y + PASTE_OFFSET });
    expect(document().layout!['has-email-2']).toEqual({ x: original.x + 2 * PASTE_OFFSET, y: original.y + 2 * PASTE_OFFSET });
    expect(document().edges).toContainEqual({ from: 'has-email-2', to: 'send-confirmation-2', port: 'yes' });
  });

  it('says why a connection is refused and changes nothing', () => {
    const before = document();
    expect(editor().connect('done', 'has-email')).toBe(false);
    expect(editor().notice).toEqual({ tone: 'error', text: '"done" is an end: nothing comes after it.' });
    expect(document()).toBe(before);
    expect(editor().history.past).toEqual([]);
  });

  it('deletes the selection, and forgets selected items an undo or delete removed', () => {
    const edge = edgeKey({ from: 'has-email', to: 'no-email', port: 'no' });
    editor().select({ nodes: ['no-email'], edges: [edge] });
    editor().deleteSelection();
    expect(document().nodes['no-email']).toBeUndefined();
    expect(editor().selection).toEqual({ nodes: [], edges: [] });
    editor().undo();
    expect(document().nodes['no-email']).toBeDefined();
    editor().addNode('wait', { x: 0, y: 0 });
    expect(editor().selection.nodes).toEqual(['wait-1']);
    editor().undo();
    expect(editor().selection.nodes).toEqual([]);
  });

  it('starts a fresh history for another playbook', () => {
    editor().addNode('wait', { x: 0, y: 0 });
    editor().load('pb-2', structuredClone(demoRequestFollowUp) as Playbook);
    expect(editor().history.past).toEqual([]);
    expect(editor().dirty).toBe(false);
  });
});
