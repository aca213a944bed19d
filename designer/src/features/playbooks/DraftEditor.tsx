import { useDraftEditorStore } from '../../store/draft-editor-store';
import { ValidationProblems } from './ValidationProblems';

/** The draft as JSON, with Validate / Save draft / Publish. */
export function DraftEditor({ canEdit }: { canEdit: boolean }) {
  const text = useDraftEditorStore((s) => s.text);
  const savedText = useDraftEditorStore((s) => s.savedText);
  const parseError = useDraftEditorStore((s) => s.parseError);
  const problems = useDraftEditorStore((s) => s.problems);
  const validatedText = useDraftEditorStore((s) => s.validatedText);
  const busy = useDraftEditorStore((s) => s.busy);
  const message = useDraftEditorStore((s) => s.message);
  const { edit, validate, save, publish } = useDraftEditorStore.getState();
  const dirty = text !== savedText;

  return (
    <div className="draft-editor">
      <div className="toolbar">
        <button type="button" onClick={() => void validate()} disabled={busy !== null}>
          {busy === 'validate' ? 'Validating…' : 'Validate'}
        </button>
        <button type="button" onClick={() => void save()} disabled={!canEdit || busy !== null || !dirty}>
          {busy === 'save' ? 'Saving…' : 'Save draft'}
        </button>
        <button type="button" className="primary" onClick={() => void publish()} disabled={!canEdit || busy !== null}>
          {busy === 'publish' ? 'Publishing…' : 'Publish'}
        </button>
        {dirty && <span className="muted">Unsaved changes</span>}
      </div>
      {message && (
        <p className={message.tone === 'ok' ? 'success' : 'error'} role={message.tone === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {problems && <ValidationProblems problems={problems} stale={validatedText !== text} />}
      {parseError && <p className="warning">{parseError}</p>}
      <textarea
        className="json-editor"
        aria-label="Draft JSON"
        spellCheck={false}
        value={text}
        readOnly={!canEdit}
        onChange={(e) => edit(e.target.value)}
      />
    </div>
  );
}
