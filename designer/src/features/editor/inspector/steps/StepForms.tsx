/** The settings of each step kind but actions (ActionForm.tsx): every change goes through the editor store. */
import { APPROVER_ROLES, type ApprovalStep, type Assignees, type BusinessHours, type ConditionStep, type NodeId, type Playbook, type ScoreStep, type SplitStep, type WaitForEventStep, type WaitStep } from '@tripline/playbook';
import { useEditorStore } from '../../../../store/editor-store';
import type { EditResult } from '../../operations/types';
import type { StepPatch } from '../../operations/update-node';
import { ConditionBuilder } from '../../forms/condition-builder/ConditionBuilder';
import { CheckboxField, DurationField, NumberField, SelectField, StringListField, TextField } from '../../forms/inputs';
import { withField } from '../../forms/objects';
import { useDraft } from '../../forms/use-draft';
import { ModelPicker } from '../ModelPicker';
import { EVENT_SUGGESTIONS, PROPERTY_SUGGESTIONS } from '../suggestions';
import { addVariant, removeVariant, renameVariant, setVariantPercent, splitEvenly } from './split-variants';

export interface StepFormProps<S> {
  id: NodeId;
  step: S;
  /** Problems of this step by field path ("for", "until.days", "assignees"). */
  problems: ReadonlyMap<string, string>;
}

/** One field's change as one undoable step (typing into the same field joins it). */
function patcher(id: NodeId) {
  return (patch: StepPatch, field: string) => useEditorStore.getState().updateNode(id, patch, `${id}:${field}`);
}

export function ConditionForm({ id, step }: StepFormProps<ConditionStep>) {
  const patch = patcher(id);
  return (
    <>
      <ConditionBuilder label="Yes when" value={step.when} onChange={(when) => patch({ when: when ?? { all: [] } }, 'when')} suggestions={PROPERTY_SUGGESTIONS} />
      <p className="muted">Subjects that match leave by “yes”, the others by “no”.</p>
    </>
  );
}

function PortName({ value, index, onRename }: { value: string; index: number; onRename: (port: string) => void }) {
  const draft = useDraft(value, (port) => port, (text) => (text.trim() === '' ? { ok: false, error: 'a variant needs a name' } : { ok: true, value: text.trim() }));
  return (
    <>
      <input
        aria-label={`Variant ${index + 1} name`}
        value={draft.text}
        maxLength={100}
        aria-invalid={draft.error ? true : undefined}
        onChange={(event) => {
          draft.setText(event.target.value);
          if (event.target.value.trim() !== '' && event.target.value.trim() !== value) onRename(event.target.value);
        }}
      />
      {draft.error && <span className="field-error">{draft.error}</span>}
    </>
  );
}

export function SplitForm({ id, step, problems }: StepFormProps<SplitStep>) {
  const apply = (operation: (document: Playbook) => EditResult, label: string, field?: string) =>
    useEditorStore.getState().applyEdit(operation, label, field === undefined ? undefined : `${id}:${field}`);
  const total = step.variants.reduce((sum, variant) => sum + (Number.isFinite(variant.percent) ? variant.percent : 0), 0);
  return (
    <fieldset className="list-field">
      <legend>Variants</legend>
      {step.variants.map((variant, index) => (
        <div className="list-row variant-row" key={index}>
          <PortName value={variant.port} index={index} onRename={(port) => apply((document) => renameVariant(document, id, index, port), 'Rename variant', `variants.${index}.port`)} />
          <NumberField
            label={`Variant ${index + 1} percent`}
            value={variant.percent}
            integer
            min={0}
            max={100}
            required
            onChange={(percent) => percent !== undefined && apply((document) => setVariantPercent(document, id, index, percent), 'Edit step', `variants.${index}.percent`)}
          />
          <button type="button" className="icon-button" aria-label={`Remove variant ${index + 1}`} onClick={() => apply((document) => removeVariant(document, id, index), 'Remove variant')}>
            ×
          </button>
        </div>
      ))}
      <p className={total === 100 ? 'muted' : 'field-error'} role="status">
        Adds up to {total}%{total === 100 ? '' : ' (must be 100%)'}
      </p>
      {problems.get('variants') && total === 100 && <span className="field-error">{problems.get('variants')}</span>}
      <div className="toolbar">
        <button type="button" onClick={() => apply((document) => addVariant(document, id), 'Add variant')}>
          Add variant
        </button>
        <button type="button" onClick={() => apply((document) => splitEvenly(document, id), 'Split evenly')}>
          Split evenly
        </button>
      </div>
      <p className="muted">Each subject always lands in the same variant (a hash of its id). A variant’s name is its output on the canvas.</p>
    </fieldset>
  );
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const OFFICE_HOURS: BusinessHours = { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 };

export function WaitForm({ id, step, problems }: StepFormProps<WaitStep>) {
  const patch = patcher(id);
  const hours = step.until;
  const setHours = (next: BusinessHours, field: string) => patch({ until: next }, `until.${field}`);
  return (
    <>
      <CheckboxField label="Wait for a while" checked={step.for !== undefined} onChange={(on) => patch({ for: on ? '2d' : undefined }, 'for')} />
      {step.for !== undefined && <DurationField label="Wait for" value={step.for} required onChange={(value) => value && patch({ for: value }, 'for')} problem={problems.get('for')} />}
      <CheckboxField
        label={step.for !== undefined ? 'Then until business hours' : 'Until business hours'}
        checked={hours !== undefined}
        onChange={(on) => patch({ until: on ? OFFICE_HOURS : undefined }, 'until')}
      />
      {hours && (
        <fieldset className="object-field">
          <legend>Business hours</legend>
          <div className="chip-picker" role="group" aria-label="Days">
            {WEEKDAYS.map((name, day) => (
              <label key={day} className="checkbox-field">
                <input
                  type="checkbox"
                  checked={hours.days.includes(day)}
                  onChange={(event) => setHours({ ...hours, days: event.target.checked ? [...hours.days, day].sort((a, b) => a - b) : hours.days.filter((d) => d !== day) }, 'days')}
                />
                <span>{name}</span>
              </label>
            ))}
          </div>
          {problems.get('until.days') && <span className="field-error">{problems.get('until.days')}</span>}
          <div className="field-pair">
            <NumberField label="From hour" value={hours.startHour} integer min={0} max={23} required onChange={(startHour) => startHour !== undefined && setHours({ ...hours, startHour }, 'startHour')} />
            <NumberField label="To hour" value={hours.endHour} integer min={1} max={24} required onChange={(endHour) => endHour !== undefined && setHours({ ...hours, endHour }, 'endHour')} problem={problems.get('until.endHour')} />
          </div>
          <TextField
            label="Time zone"
            value={hours.timeZone}
            onChange={(timeZone) => setHours(withField(hours, 'timeZone', timeZone), 'timeZone')}
            placeholder="the person's time zone, else UTC"
            description="Empty: the person's timezone trait, else UTC."
            problem={problems.get('until.timeZone')}
            suggestions={['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles']}
          />
        </fieldset>
      )}
    </>
  );
}

export function WaitForEventForm({ id, step, problems }: StepFormProps<WaitForEventStep>) {
  const patch = patcher(id);
  return (
    <>
      <TextField label="Event" value={step.event.name} onChange={(name) => patch({ event: { ...step.event, name: name ?? '' } }, 'event.name')} required suggestions={EVENT_SUGGESTIONS} problem={problems.get('event.name')} />
      <ConditionBuilder
        label="Only events where"
        value={step.event.where}
        onChange={(where) => patch({ event: withField(step.event, 'where', where) }, 'event.where')}
        optional
        suggestions={PROPERTY_SUGGESTIONS}
        emptyText="No filter: any such event counts."
      />
      <DurationField label="Give up after" value={step.timeout} required onChange={(timeout) => timeout && patch({ timeout }, 'timeout')} problem={problems.get('timeout')} />
      <p className="muted">Leaves by “received” when the event arrives, by the other output at the timeout.</p>
    </>
  );
}

export function ScoreForm({ id, step, problems }: StepFormProps<ScoreStep>) {
  const patch = patcher(id);
  return (
    <>
      <ModelPicker value={step.model} onChange={(model) => patch({ model: model ?? '' }, 'model')} problem={problems.get('model')} />
      <CheckboxField label="Adjust the score" checked={step.adjust !== undefined} onChange={(on) => patch({ adjust: on ? 10 : undefined }, 'adjust')} />
      {step.adjust !== undefined && (
        <NumberField label="Points to add (negative subtracts)" value={step.adjust} required onChange={(adjust) => adjust !== undefined && patch({ adjust }, 'adjust')} problem={problems.get('adjust')} />
      )}
      <p className="muted">{step.adjust === undefined ? 'Reads the current score and tier into the run.' : 'Adds a manual contribution to the score (event models only).'}</p>
    </>
  );
}

function AssigneesFields({ legend, assignees, onChange, problem }: { legend: string; assignees: Assignees; onChange: (assignees: Assignees, field: string) => void; problem: string | undefined }) {
  const roles = assignees.roles ?? [];
  return (
    <fieldset className="object-field">
      <legend>{legend}</legend>
      <div className="chip-picker" role="group" aria-label={`${legend}: roles`}>
        {APPROVER_ROLES.map((role) => (
          <label key={role} className="checkbox-field">
            <input
              type="checkbox"
              checked={roles.includes(role)}
              onChange={(event) => {
                const next = event.target.checked ? [...roles, role] : roles.filter((name) => name !== role);
                onChange(withField(assignees, 'roles', next.length ? next : undefined), 'roles');
              }}
            />
            <span>{role}</span>
          </label>
        ))}
      </div>
      <StringListField
        label="People"
        itemLabel="Person"
        values={assignees.users ?? []}
        placeholder="email or user id"
        onChange={(users) => onChange(withField(assignees, 'users', users.length ? users : undefined), 'users')}
      />
      {problem && <span className="field-error">{problem}</span>}
    </fieldset>
  );
}

export function ApprovalForm({ id, step, problems }: StepFormProps<ApprovalStep>) {
  const patch = patcher(id);
  return (
    <>
      <AssigneesFields legend="Who decides" assignees={step.assignees} onChange={(assignees, field) => patch({ assignees }, `assignees.${field}`)} problem={problems.get('assignees')} />
      <DurationField label="Time to decide" value={step.timeout} required onChange={(timeout) => timeout && patch({ timeout }, 'timeout')} problem={problems.get('timeout')} />
      <CheckboxField label="Escalate when nobody decides in time" checked={step.escalateTo !== undefined} onChange={(on) => patch({ escalateTo: on ? { roles: ['admin'] } : undefined }, 'escalateTo')} />
      {step.escalateTo && (
        <AssigneesFields legend="Escalate to" assignees={step.escalateTo} onChange={(escalateTo, field) => patch({ escalateTo }, `escalateTo.${field}`)} problem={problems.get('escalateTo')} />
      )}
      <SelectField
        label={step.escalateTo ? 'If still undecided after the escalation' : 'If nobody decides in time'}
        value={step.onTimeout}
        options={[
          { value: 'reject', label: 'reject' },
          { value: 'approve', label: 'approve' },
        ]}
        onChange={(onTimeout) => onTimeout && patch({ onTimeout }, 'onTimeout')}
        required
      />
      <p className="muted">The playbook’s publisher can never approve their own request. Rejected runs leave by “rejected” (or are rolled back).</p>
    </>
  );
}
