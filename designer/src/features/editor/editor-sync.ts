/**
 * The canvas editor and the JSON draft editor show one draft. The draft store (JSON text, validate,
 * save, publish) stays the way the draft reaches the API; the editor store holds the document the
 * canvas edits. This keeps them in step, both ways:
 * - a canvas edit (or undo) writes the formatted document into the draft text;
 * - text that parses into a drawable playbook becomes the canvas document (one undoable step per
 *   burst of typing), and a newly opened playbook starts a fresh history;
 * - a save of exactly what the canvas shows marks the editor clean.
 */
import { useDraftEditorStore } from '../../store/draft-editor-store';
import { useEditorStore } from '../../store/editor-store';
import { formatDraft } from '../playbooks/draft-text';

export function connectEditorToDraft(): () => void {
  /** The text the editor last wrote, so its echo is not taken for a JSON edit. */
  let written: string | null = null;
  let applyingDraft = false;

  const fromDraft = () => {
    const draft = useDraftEditorStore.getState();
    const editor = useEditorStore.getState();
    if (!draft.playbookId || !draft.drawn) return;
    if (editor.playbookId !== draft.playbookId || !editor.document) {
      applyingDraft = true;
      try {
        editor.load(draft.playbookId, draft.drawn);
      } finally {
        applyingDraft = false;
      }
      written = draft.text;
      if (draft.text !== draft.savedText) useEditorStore.setState({ savedRevision: -1, dirty: true });
      return;
    }
    if (draft.text !== written && draft.drawn !== editor.document) {
      applyingDraft = true;
      try {
        editor.replaceDocument(draft.drawn, 'Edit JSON', 'json');
      } finally {
        applyingDraft = false;
      }
      written = draft.text;
    }
    if (draft.text === draft.savedText && useEditorStore.getState().dirty) useEditorStore.getState().markSaved();
  };

  const stopDraft = useDraftEditorStore.subscribe((draft, previous) => {
    if (draft.drawn !== previous.drawn || draft.playbookId !== previous.playbookId || draft.savedText !== previous.savedText) fromDraft();
  });

  const stopEditor = useEditorStore.subscribe((editor, previous) => {
    if (applyingDraft || editor.revision === previous.revision || !editor.document) return;
    if (editor.playbookId !== useDraftEditorStore.getState().playbookId) return;
    written = formatDraft(editor.document);
    useDraftEditorStore.getState().edit(written);
  });

  fromDraft();
  return () => {
    stopDraft();
    stopEditor();
  };
}
