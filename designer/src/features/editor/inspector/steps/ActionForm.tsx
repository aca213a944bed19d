import { useMemo } from 'react';
import type { ActionStep, Playbook } from '@tripline/playbook';
import { findAction, useCatalogueStore } from '../../../../store/catalogue-store';
import { useConnectionsStore } from '../../../../store/connections-store';
import { useEditorStore } from '../../../../store/editor-store';
import { DurationField, JsonField, NumberField, SelectField, TextField } from '../../forms/inputs';
import { withField } from '../../forms/objects';
import { SchemaForm } from '../../forms/json-schema/SchemaForm';
import { SAMPLE_PROFILE, sampleContext } from '../../forms/template-editor/sample-profile';
import { ConnectionPicker } from '../ConnectionPicker';
import type { StepFormProps } from './StepForms';
import { actionChange, connectorChange, HTML_INPUTS } from './action-choice';

/** The sample person the previews are about: who, score and tier, the top events (not template variables; see sample-profile.ts). */
function SampleProfileNote() {
  return (
    <details className="sample-profile">
      <summary>Previews use a sample profile: {SAMPLE_PROFILE.headline}</summary>
      <p>
        Score {SAMPLE_PROFILE.score} ({SAMPLE_PROFILE.tier} tier, {SAMPLE_PROFILE.model}). Top events:{' '}
        {SAMPLE_PROFILE.topEvents.map((entry) => `${entry.event} ×${entry.count} (+${entry.points})`).join(', ')}.
      </p>
      <p className="muted">
        Templates see <code>person</code>, <code>account</code> and <code>event</code>, e.g. <code>{'{{ person.traits.firstName }}'}</code>,{' '}
        <code>{'{{ account.traits.name }}'}</code>, <code>{'{{ event.properties.plan }}'}</code>. The score and tier are not template variables in runs.
      </p>
    </details>
  );
}

/**
 * An action step: connector and action (from the server's catalogue), the connection, the input
 * form generated from the action's JSON Schema (text inputs as Liquid templates with a live
 * preview), and how it is retried and undone.
 */
export function ActionForm({ id, step, problems, document }: StepFormProps<ActionStep> & { document: Playbook }) {
  const connectors = useCatalogueStore((s) => s.connectors);
  const status = useCatalogueStore((s) => s.status);
  const connections = useConnectionsStore((s) => s.connections);
  const patch = (changes: Record<string, unknown>, field: string) => useEditorStore.getState().updateNode(id, changes, `${id}:${field}`);
  const action = findAction(connectors, step.connector, step.action);
  const connector = connectors.find((entry) => entry.name === step.connector);
  const eventName = document.trigger.kind === 'event' ? document.trigger.event : undefined;
  const context = useMemo(() => sampleContext(eventName || undefined), [eventName]);
  const inputProblems = useMemo(() => new Map([...problems].filter(([key]) => key.startsWith('input.')).map(([key, message]) => [key.slice('input.'.length), message])), [problems]);

  return (
    <>
      {connectors.length > 0 ? (
        <>
          <SelectField
            label="Connector"
            value={step.connector === '' ? undefined : step.connector}
            options={connectors.map((entry) => ({ value: entry.name, label: entry.displayName }))}
            onChange={(name) => name && patch(connectorChange(step, connectors.find((entry) => entry.name === name), name, connections), 'connector')}
            emptyLabel="Choose a connector…"
            required
            problem={problems.get('connector')}
          />
          <SelectField
            label="Action"
            value={step.action === '' ? undefined : step.action}
            options={(connector?.actions ?? []).map((entry) => ({ value: entry.name, label: `${entry.displayName}${entry.irreversible ? ' (irreversible)' : ''}` }))}
            onChange={(name) => name && patch(actionChange(step, connector?.actions.find((entry) => entry.name === name), name), 'action')}
            emptyLabel="Choose an action…"
            required
            problem={problems.get('action')}
          />
        </>
      ) : (
        <>
          <TextField label="Connector" value={step.connector} onChange={(name) => patch({ connector: name ?? '' }, 'connector')} required problem={problems.get('connector')} description={status === 'failed' ? 'The connector catalogue could not be loaded.' : undefined} />
          <TextField label="Action" value={step.action} onChange={(name) => patch({ action: name ?? '' }, 'action')} required problem={problems.get('action')} />
        </>
      )}
      {action?.description && <p className="muted action-description">{action.description}</p>}
      {action && (
        <ul className="action-facts">
          {action.irreversible ? (
            <li className="irreversible-note">Irreversible: once it ran, it cannot be undone — a rollback of the run skips it.</li>
          ) : action.undoable ? (
            <li>Undone when the run is rolled back.</li>
          ) : (
            <li>{action.effect === 'read' ? 'Only reads: nothing to undo.' : 'Has no undo.'}</li>
          )}
          {action.outreach && <li>Outreach ({action.outreach}): per-contact frequency caps apply.</li>}
        </ul>
      )}
      <ConnectionPicker connector={step.connector} value={step.connection} onChange={(connection) => patch({ connection }, 'connection')} problem={problems.get('connection')} />

      <fieldset className="object-field action-inputs">
        <legend>Input</legend>
        {action ? (
          <>
            <SampleProfileNote />
            <SchemaForm
              schema={action.inputSchema}
              value={step.input}
              onChange={(input, field) => patch({ input }, `input.${field}`)}
              problems={inputProblems}
              htmlFields={HTML_INPUTS[`${step.connector}.${step.action}`] ?? []}
              context={context}
            />
          </>
        ) : (
          <JsonField
            label="Input (JSON)"
            value={step.input}
            rows={8}
            onChange={(input) => patch({ input: input ?? {} }, 'input')}
            check={(value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : 'must be an object of inputs')}
            description={step.connector && step.action ? `The catalogue does not know ${step.connector}.${step.action}: its input is edited as JSON.` : 'Choose a connector and an action for a form.'}
          />
        )}
      </fieldset>

      <details className="action-advanced">
        <summary>Retries and undo</summary>
        <SelectField
          label="On rollback"
          value={step.compensate ?? 'auto'}
          options={[
            { value: 'auto', label: 'undo it (when the action can be undone)' },
            { value: 'none', label: 'leave it as it is' },
          ]}
          onChange={(compensate) => patch({ compensate: compensate === 'auto' ? undefined : compensate }, 'compensate')}
        />
        <NumberField
          label="Attempts at most"
          value={step.retry?.maximumAttempts}
          integer
          min={1}
          max={100}
          placeholder="Temporal's default"
          onChange={(maximumAttempts) => patch({ retry: emptyToUndefined(withField(step.retry ?? {}, 'maximumAttempts', maximumAttempts)) }, 'retry.maximumAttempts')}
        />
        <DurationField
          label="First retry after"
          value={step.retry?.initialInterval}
          description="Later retries back off from it (e.g. 30s)."
          onChange={(initialInterval) => patch({ retry: emptyToUndefined(withField(step.retry ?? {}, 'initialInterval', initialInterval)) }, 'retry.initialInterval')}
          problem={problems.get('retry.initialInterval')}
        />
      </details>
    </>
  );
}

function emptyToUndefined<T extends object>(value: T): T | undefined {
  return Object.keys(value).length ? value : undefined;
}
