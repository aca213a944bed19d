import { cronProblem, isTimeZone, PLAYBOOK_LIMITS, TRIGGER_KINDS, type Baseline, type DailyMetric, type Enrollment, type Filter, type Playbook, type Scalar, type Trigger, type ValidationProblem } from '@tripline/playbook';
import { triggerSummary } from '../../../canvas/step-summary';
import { useCatalogueStore } from '../../../store/catalogue-store';
import { useEditorStore } from '../../../store/editor-store';
import { ConditionBuilder } from '../forms/condition-builder/ConditionBuilder';
import { CheckboxField, JsonField, NumberField, SelectField, TextField } from '../forms/inputs';
import { withField } from '../forms/objects';
import { InspectorProblems } from './InspectorProblems';
import { ModelPicker, TierPicker } from './ModelPicker';
import { fieldProblems, problemsOfTrigger } from './node-problems';
import { EVENT_SUGGESTIONS, PROPERTY_SUGGESTIONS, TRAIT_SUGGESTIONS } from './suggestions';
import { isTriggerKind, TRIGGER_KIND_OPTIONS, triggerOfKind } from './trigger-kinds';

const MAX_WINDOW_DAYS = PLAYBOOK_LIMITS.maxWindowDays;

/** The trigger (what enrolls a subject) and the enrollment settings (who, how often). */
export function TriggerInspector({ document, problems, canEdit }: { document: Playbook; problems: readonly ValidationProblem[]; canEdit: boolean }) {
  const catalogue = useCatalogueStore((s) => s.catalogue);
  const defaultModel = useCatalogueStore((s) => s.defaultScoringModel);
  const { trigger } = document;
  const mine = problemsOfTrigger(problems);
  const byField = fieldProblems(mine, ['trigger']);
  const set = (next: Trigger, field: string) => useEditorStore.getState().setTrigger(next, `trigger:${field}`);

  return (
    <section className="inspector" aria-label="Selected trigger">
      <h3>Trigger</h3>
      <InspectorProblems problems={mine} what="trigger" />
      <p className="inspector-summary">{triggerSummary(trigger, catalogue)}</p>
      <fieldset className="inspector-form" disabled={!canEdit}>
        <SelectField
          label="Starts when"
          value={trigger.kind}
          options={TRIGGER_KIND_OPTIONS}
          onChange={(kind) => kind && isTriggerKind(kind) && useEditorStore.getState().setTrigger(triggerOfKind(kind, trigger, defaultModel))}
        />
        <TriggerFields trigger={trigger} set={set} problem={(field) => byField.get(field)} />
      </fieldset>
      <EnrollmentForm enrollment={document.enrollment} problems={fieldProblems(mine, ['enrollment'])} canEdit={canEdit} />
    </section>
  );
}

interface FieldsProps<T extends Trigger = Trigger> {
  trigger: T;
  set: (next: Trigger, field: string) => void;
  problem: (field: string) => string | undefined;
}

function EventField({ value, onChange, problem, label = 'Event', required = true }: { value: string | undefined; onChange: (value: string) => void; problem?: string | undefined; label?: string; required?: boolean }) {
  return <TextField label={label} value={value} onChange={(next) => onChange(next ?? '')} required={required} suggestions={EVENT_SUGGESTIONS} problem={problem} placeholder="Demo Requested" />;
}

function WhereField({ value, onChange, label = 'Only events where' }: { value: Filter | undefined; onChange: (where: Filter | undefined) => void; label?: string }) {
  return <ConditionBuilder label={label} value={value} onChange={onChange} optional suggestions={PROPERTY_SUGGESTIONS} emptyText="No filter: every such event counts." />;
}

function WindowFields({ trigger, set, problem, countLabel }: FieldsProps<Extract<Trigger, { atLeast: number; withinDays: number }>> & { countLabel: string }) {
  return (
    <div className="field-pair">
      <NumberField label={countLabel} value={trigger.atLeast} integer={trigger.kind !== 'propertySum'} min={trigger.kind === 'propertySum' ? undefined : 1} required onChange={(atLeast) => atLeast !== undefined && set({ ...trigger, atLeast }, 'atLeast')} problem={problem('atLeast')} />
      <NumberField label="Within days" value={trigger.withinDays} integer min={1} max={MAX_WINDOW_DAYS} required onChange={(withinDays) => withinDays !== undefined && set({ ...trigger, withinDays }, 'withinDays')} problem={problem('withinDays')} description="Today and the days before it (UTC)." />
    </div>
  );
}

function MetricFields({ metric, onChange, problem }: { metric: DailyMetric; onChange: (metric: DailyMetric, field: string) => void; problem: (field: string) => string | undefined }) {
  return (
    <fieldset className="object-field">
      <legend>Daily metric</legend>
      <SelectField
        label="Count each day"
        value={metric.kind}
        options={[
          { value: 'activeUsers', label: 'Active people' },
          { value: 'eventCount', label: 'Events' },
        ]}
        onChange={(kind) => kind && onChange({ ...metric, kind }, 'metric.kind')}
      />
      <EventField
        label={metric.kind === 'activeUsers' ? 'Active with event (empty: any event)' : 'Event'}
        required={metric.kind === 'eventCount'}
        value={metric.event}
        onChange={(event) => onChange(withField(metric, 'event', event === '' && metric.kind === 'activeUsers' ? undefined : event), 'metric.event')}
        problem={problem('metric.event')}
      />
      <WhereField value={metric.where} onChange={(where) => onChange(withField(metric, 'where', where), 'metric.where')} />
    </fieldset>
  );
}

function ScalarField({ label, value, onChange }: { label: string; value: Scalar | undefined; onChange: (value: Scalar | undefined) => void }) {
  return (
    <TextField
      label={label}
      value={value === undefined || value === null ? undefined : String(value)}
      onChange={(text) => onChange(text === undefined ? undefined : typeof value === 'number' && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text)}
      placeholder="any value"
    />
  );
}

function TriggerFields({ trigger, set, problem }: FieldsProps) {
  switch (trigger.kind) {
    case 'event':
      return (
        <>
          <EventField value={trigger.event} onChange={(event) => set({ ...trigger, event }, 'event')} problem={problem('event')} />
          <WhereField value={trigger.where} onChange={(where) => set(withField(trigger, 'where', where), 'where')} />
        </>
      );
    case 'scoreThreshold':
      return (
        <>
          <ModelPicker value={trigger.model} onChange={(model) => set({ ...trigger, model: model ?? '' }, 'model')} problem={problem('model')} />
          <div className="field-pair">
            <NumberField label="Threshold" value={trigger.threshold} required onChange={(threshold) => threshold !== undefined && set({ ...trigger, threshold }, 'threshold')} problem={problem('threshold')} />
            <SelectField
              label="Direction"
              value={trigger.direction}
              options={[
                { value: 'up', label: 'rises to it (≥)' },
                { value: 'down', label: 'drops below it (<)' },
              ]}
              onChange={(direction) => direction && set({ ...trigger, direction }, 'direction')}
            />
          </div>
        </>
      );
    case 'tierChange':
      return (
        <>
          <ModelPicker value={trigger.model} onChange={(model) => set({ ...trigger, model: model ?? '' }, 'model')} problem={problem('model')} />
          <div className="field-pair">
            <TierPicker label="Into tier" model={trigger.model} value={trigger.to} onChange={(to) => set(withField(trigger, 'to', to), 'to')} problem={problem('to')} />
            <TierPicker label="Out of tier" model={trigger.model} value={trigger.from} onChange={(from) => set(withField(trigger, 'from', from), 'from')} problem={problem('from')} />
          </div>
        </>
      );
    case 'eventCount':
      return (
        <>
          <EventField value={trigger.event} onChange={(event) => set({ ...trigger, event }, 'event')} problem={problem('event')} />
          <WhereField value={trigger.where} onChange={(where) => set(withField(trigger, 'where', where), 'where')} />
          <WindowFields trigger={trigger} set={set} problem={problem} countLabel="At least (events)" />
        </>
      );
    case 'distinctUsers':
      return (
        <>
          <EventField value={trigger.event} onChange={(event) => set({ ...trigger, event }, 'event')} problem={problem('event')} />
          <WhereField value={trigger.where} onChange={(where) => set(withField(trigger, 'where', where), 'where')} />
          <WindowFields trigger={trigger} set={set} problem={problem} countLabel="At least (people)" />
          <CheckboxField
            label="Count only power users"
            checked={trigger.perUser !== undefined}
            onChange={(on) => set(withField(trigger, 'perUser', on ? { atLeast: 10, withinDays: 7 } : undefined), 'perUser')}
          />
          {trigger.perUser && (
            <fieldset className="object-field">
              <legend>A power user did</legend>
              <EventField label="Event (empty: the same event)" required={false} value={trigger.perUser.event} onChange={(event) => set({ ...trigger, perUser: withField(trigger.perUser!, 'event', event === '' ? undefined : event) }, 'perUser.event')} problem={problem('perUser.event')} />
              <div className="field-pair">
                <NumberField label="At least (times)" value={trigger.perUser.atLeast} integer min={1} required onChange={(atLeast) => atLeast !== undefined && set({ ...trigger, perUser: { ...trigger.perUser!, atLeast } }, 'perUser.atLeast')} />
                <NumberField label="Within days" value={trigger.perUser.withinDays} integer min={1} max={MAX_WINDOW_DAYS} required onChange={(withinDays) => withinDays !== undefined && set({ ...trigger, perUser: { ...trigger.perUser!, withinDays } }, 'perUser.withinDays')} problem={problem('perUser.withinDays')} />
              </div>
            </fieldset>
          )}
        </>
      );
    case 'propertySum':
      return (
        <>
          <EventField value={trigger.event} onChange={(event) => set({ ...trigger, event }, 'event')} problem={problem('event')} />
          <WhereField value={trigger.where} onChange={(where) => set(withField(trigger, 'where', where), 'where')} />
          <TextField label="Property to add up" value={trigger.property} onChange={(property) => set({ ...trigger, property: property ?? '' }, 'property')} required problem={problem('property')} description="A numeric property of the event, e.g. amount." />
          <WindowFields trigger={trigger} set={set} problem={problem} countLabel="Sum at least" />
        </>
      );
    case 'baselineRatio':
      return (
        <>
          <MetricFields metric={trigger.metric} onChange={(metric, field) => set({ ...trigger, metric }, field)} problem={problem} />
          <BaselineFields baseline={trigger.baseline} onChange={(baseline, field) => set({ ...trigger, baseline }, field)} problem={problem} />
          <div className="field-pair">
            <NumberField label="At least (% of baseline)" value={trigger.percent} min={0} required onChange={(percent) => percent !== undefined && set({ ...trigger, percent }, 'percent')} problem={problem('percent')} />
            <NumberField label="Consecutive days" value={trigger.consecutiveDays} integer min={1} max={MAX_WINDOW_DAYS} required onChange={(consecutiveDays) => consecutiveDays !== undefined && set({ ...trigger, consecutiveDays }, 'consecutiveDays')} />
          </div>
        </>
      );
    case 'growth':
      return (
        <>
          <MetricFields metric={trigger.metric} onChange={(metric, field) => set({ ...trigger, metric }, field)} problem={problem} />
          <div className="field-pair">
            <NumberField label="Growth at least (%)" value={trigger.percent} min={-99} required onChange={(percent) => percent !== undefined && set({ ...trigger, percent }, 'percent')} problem={problem('percent')} />
            <SelectField
              label="Compared with the previous"
              value={trigger.period}
              options={[
                { value: 'week', label: 'ISO week' },
                { value: 'month', label: 'calendar month' },
              ]}
              onChange={(period) => period && set({ ...trigger, period }, 'period')}
            />
          </div>
        </>
      );
    case 'inactivity':
      return (
        <>
          <EventField label="No event (empty: no activity at all)" required={false} value={trigger.event} onChange={(event) => set(withField(trigger, 'event', event === '' ? undefined : event), 'event')} problem={problem('event')} />
          <NumberField label="For days" value={trigger.days} integer min={1} max={3650} required onChange={(days) => days !== undefined && set({ ...trigger, days }, 'days')} problem={problem('days')} />
        </>
      );
    case 'schedule': {
      const zone = trigger.timeZone;
      const zoneProblem = zone !== undefined && !isTimeZone(zone) ? `"${zone}" is not a time zone: write an IANA name such as "Europe/Berlin"` : undefined;
      return (
        <>
          <TextField
            label="Cron (5 fields)"
            value={trigger.cron}
            onChange={(cron) => set({ ...trigger, cron: cron ?? '' }, 'cron')}
            required
            placeholder="0 9 * * 1"
            description="minute hour day-of-month month day-of-week, e.g. 0 9 * * 1 = Mondays at 9:00."
            problem={problem('cron') ?? cronProblem(trigger.cron, zoneProblem ? undefined : zone)}
          />
          <TextField label="Time zone" value={zone} onChange={(timeZone) => set(withField(trigger, 'timeZone', timeZone), 'timeZone')} placeholder="UTC" problem={problem('timeZone') ?? zoneProblem} suggestions={['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Tokyo']} />
        </>
      );
    }
    case 'relativeDate':
      return (
        <>
          <TextField label="Date trait" value={trigger.trait} onChange={(trait) => set({ ...trigger, trait: trait ?? '' }, 'trait')} required suggestions={['closedWonAt', 'contractEndDate', 'trialEndsAt', 'signedUpAt']} problem={problem('trait')} description="A date trait of the subject; negative days are before it." />
          <div className="field-pair">
            <NumberField label="From day" value={trigger.fromDays} integer min={-3650} max={3650} required onChange={(fromDays) => fromDays !== undefined && set({ ...trigger, fromDays }, 'fromDays')} />
            <NumberField label="To day" value={trigger.toDays} integer min={-3650} max={3650} required onChange={(toDays) => toDays !== undefined && set({ ...trigger, toDays }, 'toDays')} problem={problem('toDays')} />
          </div>
        </>
      );
    case 'crmChange':
      return (
        <>
          <SelectField
            label="CRM object"
            value={trigger.object}
            options={[
              { value: 'deal', label: 'Deal' },
              { value: 'contact', label: 'Contact' },
              { value: 'company', label: 'Company' },
            ]}
            onChange={(object) => object && set({ ...trigger, object }, 'object')}
          />
          <TextField label="Field" value={trigger.field} onChange={(field) => set({ ...trigger, field: field ?? '' }, 'field')} required placeholder="dealstage" problem={problem('field')} />
          <div className="field-pair">
            <ScalarField label="Changes to" value={trigger.to} onChange={(to) => set(withField(trigger, 'to', to), 'to')} />
            <ScalarField label="Changes from" value={trigger.from} onChange={(from) => set(withField(trigger, 'from', from), 'from')} />
          </div>
          <WhereField label="Only records where" value={trigger.where} onChange={(where) => set(withField(trigger, 'where', where), 'where')} />
        </>
      );
    case 'all':
    case 'any':
      return (
        <>
          <p className="muted">Composite triggers are edited as JSON here: each entry is a trigger of its own ({trigger.kind === 'all' ? 'all must hold' : 'any one fires'}).</p>
          <JsonField
            label="Triggers"
            value={trigger.triggers}
            rows={10}
            onChange={(triggers) => set({ ...trigger, triggers: triggers as Trigger[] }, 'triggers')}
            check={(value) =>
              !Array.isArray(value)
                ? 'must be a list of triggers'
                : value.some((entry) => typeof entry !== 'object' || entry === null || !(TRIGGER_KINDS as readonly string[]).includes((entry as { kind?: string }).kind ?? ''))
                  ? `every entry needs a "kind": ${TRIGGER_KINDS.join(', ')}`
                  : undefined
            }
          />
        </>
      );
  }
}

function BaselineFields({ baseline, onChange, problem }: { baseline: Baseline; onChange: (baseline: Baseline, field: string) => void; problem: (field: string) => string | undefined }) {
  const byTrait = 'trait' in baseline;
  return (
    <fieldset className="object-field">
      <legend>Baseline</legend>
      <SelectField
        label="Baseline from"
        value={byTrait ? 'trait' : 'value'}
        options={[
          { value: 'trait', label: 'a trait of the subject' },
          { value: 'value', label: 'a fixed number' },
        ]}
        onChange={(from) => onChange(from === 'value' ? { value: 10 } : { trait: 'planDauBaseline' }, 'baseline')}
      />
      {'trait' in baseline ? (
        <TextField label="Trait" value={baseline.trait} onChange={(trait) => onChange({ trait: trait ?? '' }, 'baseline.trait')} required suggestions={TRAIT_SUGGESTIONS} problem={problem('baseline.trait')} />
      ) : (
        <NumberField label="Value" value={baseline.value} min={0} required onChange={(value) => value !== undefined && value > 0 && onChange({ value }, 'baseline.value')} problem={problem('baseline.value')} />
      )}
    </fieldset>
  );
}

function EnrollmentForm({ enrollment, problems, canEdit }: { enrollment: Enrollment; problems: Map<string, string>; canEdit: boolean }) {
  const set = (next: Enrollment, field: string) => useEditorStore.getState().setEnrollment(next, `enrollment:${field}`);
  const reenroll = enrollment.reenroll;
  const mode = typeof reenroll === 'object' ? 'afterDays' : reenroll;
  return (
    <fieldset className="inspector-form object-field" disabled={!canEdit}>
      <legend>Enrollment</legend>
      <SelectField
        label="Enrolls"
        value={enrollment.subject}
        options={[
          { value: 'person', label: 'the person' },
          { value: 'account', label: 'the account' },
        ]}
        onChange={(subject) => subject && set({ ...enrollment, subject }, 'subject')}
        problem={problems.get('subject')}
      />
      <SelectField
        label="Re-enrollment"
        value={mode}
        options={[
          { value: 'never', label: 'never: once per subject' },
          { value: 'afterDays', label: 'again after a cooldown' },
          { value: 'always', label: 'every time it fires' },
        ]}
        onChange={(next) => next && set({ ...enrollment, reenroll: next === 'afterDays' ? { afterDays: 30 } : next }, 'reenroll')}
        problem={problems.get('reenroll')}
      />
      {typeof reenroll === 'object' && (
        <NumberField
          label="Cooldown (days)"
          value={reenroll.afterDays}
          integer
          min={1}
          max={3650}
          required
          onChange={(afterDays) => afterDays !== undefined && set({ ...enrollment, reenroll: { afterDays } }, 'reenroll.afterDays')}
          problem={problems.get('reenroll.afterDays')}
        />
      )}
    </fieldset>
  );
}
