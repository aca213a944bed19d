import { useEffect } from 'react';
import { useEditorStore } from '../../store/editor-store';

/** Typing in a field keeps the browser's own meaning of Ctrl+Z, Backspace and friends. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Text the person selected on the page: Ctrl+C copies that, not steps. */
const hasTextSelection = () => (window.getSelection()?.toString() ?? '') !== '';

/** What each shortcut does; the toolbar shows the same keys in its titles. */
export const SHORTCUTS = {
  undo: 'Ctrl+Z',
  redo: 'Ctrl+Shift+Z',
  copy: 'Ctrl+C',
  paste: 'Ctrl+V',
  delete: 'Delete',
  autoLayout: 'L',
} as const;

/**
 * The canvas editor's keyboard shortcuts, while it is shown: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or
 * Ctrl+Y redo, Ctrl/Cmd+C / X / V copy, cut and paste steps, Delete or Backspace delete the
 * selection, L lays the graph out. Only copying works when the playbook cannot be edited.
 */
export function useEditorShortcuts(enabled: boolean, canEdit: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || isTyping(event.target)) return;
      const editor = useEditorStore.getState();
      const command = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      let action: (() => void) | undefined;
      if (command && key === 'c' && !hasTextSelection()) action = editor.copy;
      else if (!canEdit) action = undefined;
      else if (command && key === 'z') action = event.shiftKey ? editor.redo : editor.undo;
      else if (command && key === 'y') action = editor.redo;
      else if (command && key === 'x' && !hasTextSelection()) action = editor.cut;
      else if (command && key === 'v') action = editor.paste;
      else if (!command && (event.key === 'Delete' || event.key === 'Backspace')) {
        const { nodes, edges } = editor.selection;
        if (nodes.length || edges.length) action = editor.deleteSelection;
      }
      else if (!command && !event.shiftKey && key === 'l') action = editor.autoLayout;
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled, canEdit]);
}
