import type { Playbook } from '@tripline/playbook';
import { kindLabel } from '../../canvas/kind-labels';
import { isIrreversible, stepSummary, triggerSummary } from '../../canvas/step-summary';
import { TRIGGER_NODE_ID } from '../../canvas/to-flow';
import { useCatalogueStore } from '../../store/catalogue-store';
import { useEditorStore } from '../../store/editor-store';

/**
 * The selected step at a glance: its kind, id and key setting, its label to rename, and the
 * actions that apply to it. (Full per-kind settings forms come with the node configuration panel;
 * until then every setting can be changed under "Advanced: JSON".)
 */
export function NodeInspector({ document, canEdit }: { document: Playbook; canEdit: boolean }) {
  const selected = useEditorStore((s) => s.selection.nodes);
  const catalogue = useCatalogueStore((s) => s.catalogue);

  if (selected.length === 0) {
    return <p className="muted inspector-hint">Select a step to see it here. Drag items from the palette onto the canvas, or click them.</p>;
  }
  if (selected.length > 1) {
    return (
      <section className="inspector" aria-label="Selection">
        <h3>{selected.length} items selected</h3>
        <p className="muted">Ctrl+C copies them, Delete removes them.</p>
      </section>
    );
  }
  const id = selected[0]!;
  if (id === TRIGGER_NODE_ID) {
    return (
      <section className="inspector" aria-label="Selected trigger">
        <h3>Trigger</h3>
        <p>{triggerSummary(document.trigger, catalogue)}</p>
        <p className="muted">Choose another trigger under Triggers in the palette; it replaces this one.</p>
      </section>
    );
  }
  const step = Object.prototype.hasOwnProperty.call(document.nodes, id) ? document.nodes[id] : undefined;
  if (!step) return null;
  const editor = useEditorStore.getState();
  return (
    <section className="inspector" aria-label="Selected step">
      <h3>
        {kindLabel(step.kind)} <code className="muted">{id}</code>
      </h3>
      <label className="field">
        <span>Label</span>
        <input
          value={step.label ?? ''}
          readOnly={!canEdit}
          maxLength={200}
          onChange={(event) => editor.updateNode(id, { label: event.target.value === '' ? undefined : event.target.value }, `label:${id}`)}
        />
      </label>
      <p className="inspector-summary">{stepSummary(step, catalogue)}</p>
      {isIrreversible(step, catalogue) && <p className="warning">This action cannot be undone: a rollback of the run skips it.</p>}
      <div className="toolbar">
        {document.start === id ? (
          <span className="flow-node-tag">first step</span>
        ) : (
          <button type="button" onClick={() => editor.setStart(id)} disabled={!canEdit}>
            Start here
          </button>
        )}
        <button type="button" onClick={() => editor.deleteSelection()} disabled={!canEdit}>
          Delete step
        </button>
      </div>
    </section>
  );
}
