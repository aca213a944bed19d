import { useDraftEditorStore } from '../../store/draft-editor-store';
import { useEditorStore } from '../../store/editor-store';
import { SHORTCUTS } from './use-editor-shortcuts';

/** Undo/redo, clipboard, layout, and saving: every button named, with its shortcut in the title. */
export function EditorToolbar({ canEdit }: { canEdit: boolean }) {
  const undoLabel = useEditorStore((s) => s.history.past[s.history.past.length - 1]?.label);
  const redoLabel = useEditorStore((s) => s.history.future[0]?.label);
  const hasSelection = useEditorStore((s) => s.selection.nodes.length + s.selection.edges.length > 0);
  const hasClipboard = useEditorStore((s) => s.clipboard !== null);
  const dirty = useEditorStore((s) => s.dirty);
  const busy = useDraftEditorStore((s) => s.busy);
  const editor = useEditorStore.getState();
  const draft = useDraftEditorStore.getState();

  return (
    <div className="toolbar editor-toolbar" role="toolbar" aria-label="Canvas tools">
      <button type="button" onClick={editor.undo} disabled={!canEdit || !undoLabel} aria-label="Undo" title={`Undo${undoLabel ? ` ${undoLabel}` : ''} (${SHORTCUTS.undo})`}>
        Undo
      </button>
      <button type="button" onClick={editor.redo} disabled={!canEdit || !redoLabel} aria-label="Redo" title={`Redo${redoLabel ? ` ${redoLabel}` : ''} (${SHORTCUTS.redo})`}>
        Redo
      </button>
      <span className="toolbar-gap" />
      <button type="button" onClick={editor.copy} disabled={!hasSelection} aria-label="Copy" title={`Copy the selected steps (${SHORTCUTS.copy})`}>
        Copy
      </button>
      <button type="button" onClick={editor.paste} disabled={!canEdit || !hasClipboard} aria-label="Paste" title={`Paste (${SHORTCUTS.paste})`}>
        Paste
      </button>
      <button type="button" onClick={editor.deleteSelection} disabled={!canEdit || !hasSelection} aria-label="Delete" title={`Delete the selection (${SHORTCUTS.delete})`}>
        Delete
      </button>
      <button type="button" onClick={editor.autoLayout} disabled={!canEdit} aria-label="Auto-layout" title={`Lay the graph out top to bottom (${SHORTCUTS.autoLayout})`}>
        Auto-layout
      </button>
      <span className="toolbar-gap" />
      <span className={dirty ? 'muted unsaved' : 'muted'} role="status">
        {dirty ? 'Unsaved changes' : 'All changes saved'}
      </span>
      <button type="button" onClick={() => void draft.save()} disabled={!canEdit || busy !== null || !dirty}>
        {busy === 'save' ? 'Saving…' : 'Save draft'}
      </button>
      <button type="button" className="primary" onClick={() => void draft.publish()} disabled={!canEdit || busy !== null}>
        {busy === 'publish' ? 'Publishing…' : 'Publish'}
      </button>
    </div>
  );
}
