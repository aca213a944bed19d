import { demoRequestFollowUp } from '@tripline/playbook';
import type { PlaybookRecord } from '../../api/types';
import { useDraftEditorStore } from '../../store/draft-editor-store';
import { useEditorStore } from '../../store/editor-store';
import { connectEditorToDraft } from './editor-sync';

const record = (overrides: Partial<PlaybookRecord> = {}): PlaybookRecord => ({
  id: 'pb-1',
  name: 'Demo request follow-up',
  description: null,
  status: 'draft',
  draft: demoRequestFollowUp,
  publishedVersion: null,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  ...overrides,
});

const draft = () => useDraftEditorStore.getState();
const editor = () => useEditorStore.getState();
let disconnect: () => void;

beforeEach(() => {
  useDraftEditorStore.setState({ playbookId: null, text: '', savedText: '', drawn: null, problems: null, validatedText: null, message: null });
  useEditorStore.setState({ playbookId: null, document: null });
  disconnect = connectEditorToDraft();
  draft().open(record());
});
afterEach(() => disconnect());

describe('the canvas and the JSON editor edit one draft', () => {
  it('opens the stored draft on the canvas, clean, with no history', () => {
    expect(editor().playbookId).toBe('pb-1');
    expect(editor().document).toEqual(demoRequestFollowUp);
    expect(editor().dirty).toBe(false);
    expect(editor().history.past).toEqual([]);
  });

  it('writes canvas edits (and their undo) into the JSON text', () => {
    editor().addNode('wait', { x: 0, y: 400 });
    expect(JSON.parse(draft().text).nodes['wait-1']).toEqual({ kind: 'wait', label: 'Wait', for: '2d' });
    expect(draft().text).not.toBe(draft().savedText);
    editor().undo();
    expect(draft().text).toBe(draft().savedText);
    expect(editor().dirty).toBe(false);
  });

  it('takes a JSON edit onto the canvas as one undoable step, without reformatting what is typed', () => {
    const typed = draft().text.replace('"Confirmation sent"', '"All done"');
    draft().edit(typed);
    expect(editor().document!.nodes['done']!.label).toBe('All done');
    expect(draft().text).toBe(typed);
    draft().edit(typed.replace('"All done"', '"All done!"'));
    expect(editor().history.past).toHaveLength(1);
    editor().undo();
    expect(editor().document!.nodes['done']!.label).toBe('Confirmation sent');
  });

  it('keeps the last drawable document while the JSON is broken', () => {
    draft().edit('{ "oops": ');
    expect(editor().document).toEqual(demoRequestFollowUp);
  });

  it('is clean once what the canvas shows is saved', () => {
    editor().addNode('end', { x: 0, y: 400 });
    expect(editor().dirty).toBe(true);
    useDraftEditorStore.setState({ savedText: draft().text }); // what a successful save does
    expect(editor().dirty).toBe(false);
  });

  it('starts over for another playbook', () => {
    editor().addNode('end', { x: 0, y: 400 });
    draft().open(record({ id: 'pb-2', draft: { ...demoRequestFollowUp, name: 'Other' } }));
    expect(editor().playbookId).toBe('pb-2');
    expect(editor().document!.name).toBe('Other');
    expect(editor().history.past).toEqual([]);
  });
});
