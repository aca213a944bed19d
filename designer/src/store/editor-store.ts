/**
 * The playbook being edited on the canvas: the document, its undo/redo history, what is selected,
 * the clipboard and the last thing the editor has to say. Every change goes through a pure operation
 * (features/editor/operations) and `commit`, so each is one undoable step.
 */
import { create } from 'zustand';
import type { Enrollment, NodeId, Playbook, Trigger } from '@tripline/playbook';
import { TRIGGER_NODE_ID } from '../canvas/to-flow';
import { EMPTY_HISTORY, record, redo, undo, type EditHistory, type Recorded, type Snapshot } from '../features/editor/history';
import { addNode, type NewStep } from '../features/editor/operations/add-node';
import { autoLayout } from '../features/editor/operations/auto-layout';
import { copySelection, pasteClipboard, type Clipboard } from '../features/editor/operations/clipboard';
import { connect } from '../features/editor/operations/connect';
import { deleteSelection } from '../features/editor/operations/delete-selection';
import { moveNodes } from '../features/editor/operations/move';
import { setEnrollment, setTrigger } from '../features/editor/operations/set-trigger';
import { EMPTY_SELECTION, edgeKey, type EditResult, type Point, type Selection } from '../features/editor/operations/types';
import { setStart, updateNode, type StepPatch } from '../features/editor/operations/update-node';

/** How far each paste lands from the copied steps, so pastes do not stack on each other. */
export const PASTE_OFFSET = 40;

export interface EditorNotice {
  tone: 'info' | 'error';
  text: string;
}

export interface EditorState {
  playbookId: string | null;
  document: Playbook | null;
  /** Changes with every edit; undo and redo bring back the revision a document had. */
  revision: number;
  /** The revision last saved (or loaded); `dirty` is revision !== savedRevision. */
  savedRevision: number;
  dirty: boolean;
  history: EditHistory;
  selection: Selection;
  clipboard: Clipboard | null;
  pasteCount: number;
  notice: EditorNotice | null;

  /** Starts editing a document with a fresh history; it counts as saved. */
  load: (playbookId: string, document: Playbook) => void;
  /** The whole document replaced (the JSON editor): one undoable step. */
  replaceDocument: (document: Playbook, label: string, coalesceKey?: string) => void;
  markSaved: () => void;
  addNode: (newStep: NewStep, position: Point) => NodeId | null;
  connect: (from: NodeId, to: NodeId, port?: string) => boolean;
  deleteSelection: () => void;
  move: (positions: Record<NodeId, Point>) => void;
  copy: () => void;
  cut: () => void;
  paste: () => void;
  autoLayout: () => void;
  /** Replaces the trigger (the palette, or the trigger panel with a `coalesceKey` per field typed into). */
  setTrigger: (trigger: Trigger, coalesceKey?: string) => void;
  setEnrollment: (enrollment: Enrollment, coalesceKey?: string) => void;
  /** Any other pure operation (the node panel's, say) as one undoable step. */
  applyEdit: (operation: (document: Playbook) => EditResult, label: string, coalesceKey?: string) => boolean;
  updateNode: (id: NodeId, patch: StepPatch, coalesceKey?: string) => void;
  setStart: (id: NodeId) => void;
  select: (selection: Selection) => void;
  undo: () => void;
  redo: () => void;
  dismissNotice: () => void;
}

let revisions = 0;
const nextRevision = () => ++revisions;

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, index) => id === b[index]);
export const sameSelection = (a: Selection, b: Selection) => sameIds(a.nodes, b.nodes) && sameIds(a.edges, b.edges);

/** Drops selected ids that the document no longer has (after an undo, say). */
function selectionIn(document: Playbook, selection: Selection): Selection {
  const nodes = selection.nodes.filter((id) => id === TRIGGER_NODE_ID || Object.prototype.hasOwnProperty.call(document.nodes, id));
  const keys = new Set(selection.edges.length ? document.edges.map(edgeKey) : []);
  const edges = selection.edges.filter((key) => keys.has(key));
  return nodes.length === selection.nodes.length && edges.length === selection.edges.length ? selection : { nodes, edges };
}

export const useEditorStore = create<EditorState>()((set, get) => {
  /** Applies an operation's result as one history step (none when the document did not change). */
  const commit = (result: EditResult, label: string, coalesceKey?: string): boolean => {
    const state = get();
    if (!state.document) return false;
    if (!result.ok) {
      set({ notice: { tone: 'error', text: result.message } });
      return false;
    }
    const notice: EditorNotice | null = result.message ? { tone: 'info', text: result.message } : null;
    if (result.document === state.document) {
      set({ notice, ...(result.selection ? { selection: result.selection } : {}) });
      return true;
    }
    const current: Snapshot = { document: state.document, revision: state.revision };
    const recorded = record(state.history, current, { document: result.document, revision: nextRevision() }, label, coalesceKey);
    set({
      ...applied(recorded, state.savedRevision),
      selection: result.selection ?? selectionIn(result.document, state.selection),
      notice,
    });
    return true;
  };

  const applied = (recorded: Recorded, savedRevision: number) => ({
    document: recorded.current.document,
    revision: recorded.current.revision,
    history: recorded.history,
    dirty: recorded.current.revision !== savedRevision,
  });

  const withDocument = (operation: (document: Playbook) => EditResult, label: string, coalesceKey?: string): boolean => {
    const { document } = get();
    return document ? commit(operation(document), label, coalesceKey) : false;
  };

  return {
    playbookId: null,
    document: null,
    revision: 0,
    savedRevision: 0,
    dirty: false,
    history: EMPTY_HISTORY,
    selection: EMPTY_SELECTION,
    clipboard: null,
    pasteCount: 0,
    notice: null,

    load: (playbookId, document) => {
      const revision = nextRevision();
      set({
        playbookId,
        document,
        revision,
        savedRevision: revision,
        dirty: false,
        history: EMPTY_HISTORY,
        selection: EMPTY_SELECTION,
        notice: null,
      });
    },

    replaceDocument: (document, label, coalesceKey) => void commit({ ok: true, document }, label, coalesceKey),

    markSaved: () => set((state) => ({ savedRevision: state.revision, dirty: false })),

    addNode: (newStep, position) => {
      const { document } = get();
      if (!document) return null;
      const result = addNode(document, newStep, position);
      return commit(result, 'Add step') && result.ok ? (result.nodeId ?? null) : null;
    },

    connect: (from, to, port) => withDocument((document) => connect(document, from, to, port), 'Connect'),

    deleteSelection: () => void withDocument((document) => deleteSelection(document, get().selection), 'Delete'),

    move: (positions) => void withDocument((document) => moveNodes(document, positions), 'Move'),

    copy: () => {
      const { document, selection } = get();
      if (!document) return;
      const clipboard = copySelection(document, selection);
      if (!clipboard) {
        set({ notice: { tone: 'error', text: 'Select the steps to copy first.' } });
        return;
      }
      const count = Object.keys(clipboard.nodes).length;
      set({ clipboard, pasteCount: 0, notice: { tone: 'info', text: `Copied ${count} step${count === 1 ? '' : 's'}.` } });
    },

    cut: () => {
      get().copy();
      if (get().clipboard && get().selection.nodes.length) get().deleteSelection();
    },

    paste: () => {
      const { clipboard, pasteCount } = get();
      if (!clipboard) {
        set({ notice: { tone: 'error', text: 'Nothing to paste: copy some steps first.' } });
        return;
      }
      const shift = PASTE_OFFSET * (pasteCount + 1);
      if (withDocument((document) => pasteClipboard(document, clipboard, { x: shift, y: shift }), 'Paste')) set({ pasteCount: pasteCount + 1 });
    },

    autoLayout: () => void withDocument(autoLayout, 'Auto-layout'),

    setTrigger: (trigger, coalesceKey) =>
      void withDocument((document) => setTrigger(document, trigger), coalesceKey === undefined ? 'Set trigger' : 'Edit trigger', coalesceKey),

    setEnrollment: (enrollment, coalesceKey) => void withDocument((document) => setEnrollment(document, enrollment), 'Edit enrollment', coalesceKey),

    applyEdit: (operation, label, coalesceKey) => withDocument(operation, label, coalesceKey),

    updateNode: (id, patch, coalesceKey) => void withDocument((document) => updateNode(document, id, patch), 'Edit step', coalesceKey),

    setStart: (id) => void withDocument((document) => setStart(document, id), 'Set first step'),

    select: (selection) => {
      if (!sameSelection(selection, get().selection)) set({ selection });
    },

    undo: () => {
      const state = get();
      if (!state.document) return;
      const recorded = undo(state.history, { document: state.document, revision: state.revision });
      if (!recorded) return;
      set({ ...applied(recorded, state.savedRevision), selection: selectionIn(recorded.current.document, state.selection), notice: null });
    },

    redo: () => {
      const state = get();
      if (!state.document) return;
      const recorded = redo(state.history, { document: state.document, revision: state.revision });
      if (!recorded) return;
      set({ ...applied(recorded, state.savedRevision), selection: selectionIn(recorded.current.document, state.selection), notice: null });
    },

    dismissNotice: () => set({ notice: null }),
  };
});
