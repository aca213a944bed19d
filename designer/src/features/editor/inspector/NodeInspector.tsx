import type { NodeId, Playbook, Step, ValidationProblem } from '@tripline/playbook';
import { kindLabel } from '../../../canvas/kind-labels';
import { isIrreversible, stepSummary } from '../../../canvas/step-summary';
import { TRIGGER_NODE_ID } from '../../../canvas/to-flow';
import { useCatalogueStore } from '../../../store/catalogue-store';
import { useEditorStore } from '../../../store/editor-store';
import { TextField } from '../forms/inputs';
import { InspectorProblems } from './InspectorProblems';
import { fieldProblems, problemsOfNode } from './node-problems';
import { ActionForm } from './steps/ActionForm';
import { ApprovalForm, ConditionForm, ScoreForm, SplitForm, WaitForEventForm, WaitForm } from './steps/StepForms';
import { TriggerInspector } from './TriggerInspector';

export interface NodeInspectorProps {
  document: Playbook;
  /** Live validation of the document (the same list the canvas and the problem list show). */
  problems: readonly ValidationProblem[];
  canEdit: boolean;
}

/**
 * The node configuration panel: the selected step's (or the trigger's) settings as a form for its
 * kind, the problems live validation finds in it at the top, irreversible actions marked. Every
 * change goes through the editor store, so undo / redo covers it; typing into one field is one step.
 */
export function NodeInspector({ document, problems, canEdit }: NodeInspectorProps) {
  const selected = useEditorStore((s) => s.selection.nodes);

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
  if (id === TRIGGER_NODE_ID) return <TriggerInspector document={document} problems={problems} canEdit={canEdit} />;
  const step = Object.prototype.hasOwnProperty.call(document.nodes, id) ? document.nodes[id] : undefined;
  if (!step) return null;
  return <StepInspector key={id} id={id} step={step} document={document} problems={problems} canEdit={canEdit} />;
}

function StepInspector({ id, step, document, problems, canEdit }: { id: NodeId; step: Step; document: Playbook; problems: readonly ValidationProblem[]; canEdit: boolean }) {
  const catalogue = useCatalogueStore((s) => s.catalogue);
  const editor = useEditorStore.getState();
  const mine = problemsOfNode(problems, id);
  const byField = fieldProblems(mine, ['nodes', id]);
  const irreversible = isIrreversible(step, catalogue);
  return (
    <section className="inspector" aria-label="Selected step">
      <h3>
        {kindLabel(step.kind)} <code className="muted">{id}</code>
        {irreversible && <span className="flow-node-tag irreversible">irreversible</span>}
      </h3>
      <InspectorProblems problems={mine} what="step" />
      <p className="inspector-summary">{stepSummary(step, catalogue)}</p>
      <fieldset className="inspector-form" disabled={!canEdit}>
        <TextField label="Label" value={step.label} maxLength={200} onChange={(label) => editor.updateNode(id, { label }, `label:${id}`)} />
        <StepSettings id={id} step={step} document={document} problems={byField} />
      </fieldset>
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

function StepSettings({ id, step, document, problems }: { id: NodeId; step: Step; document: Playbook; problems: ReadonlyMap<string, string> }) {
  switch (step.kind) {
    case 'condition':
      return <ConditionForm id={id} step={step} problems={problems} />;
    case 'split':
      return <SplitForm id={id} step={step} problems={problems} />;
    case 'wait':
      return <WaitForm id={id} step={step} problems={problems} />;
    case 'waitForEvent':
      return <WaitForEventForm id={id} step={step} problems={problems} />;
    case 'score':
      return <ScoreForm id={id} step={step} problems={problems} />;
    case 'approval':
      return <ApprovalForm id={id} step={step} problems={problems} />;
    case 'action':
      return <ActionForm id={id} step={step} problems={problems} document={document} />;
    case 'parallel':
      return <p className="muted">Runs every outgoing branch at the same time; a join waits for them.</p>;
    case 'join':
      return <p className="muted">Continues once every parallel branch has reached it.</p>;
    case 'end':
      return <p className="muted">Ends the run.</p>;
    default:
      return <p className="muted">This kind of step is edited under “Advanced: JSON”.</p>;
  }
}
