import type { ComponentMetric, ComponentScoringModel } from '@tripline/scoring';
import { NumberCell, TextCell } from './cells';
import { addComponent, componentWeightSum, removeAt, updateComponent } from './model-edits';

interface Props {
  model: ComponentScoringModel;
  onChange: (model: ComponentScoringModel) => void;
  readOnly: boolean;
}

type MetricKind = ComponentMetric['kind'];

/** Each metric kind and its settings: text (event, property, trait names) or a number of days. */
const METRICS: Record<MetricKind, { label: string; fields: readonly { key: string; label: string; number?: boolean }[] }> = {
  activeUsersRatio: { label: 'Active users / trait (%)', fields: [{ key: 'event', label: 'event' }, { key: 'windowDays', label: 'days', number: true }, { key: 'denominatorTrait', label: 'of trait' }] },
  distinctPropertyValues: { label: 'Distinct property values', fields: [{ key: 'event', label: 'event' }, { key: 'property', label: 'property' }, { key: 'windowDays', label: 'days', number: true }] },
  averageProperty: { label: 'Average of a property', fields: [{ key: 'event', label: 'event' }, { key: 'property', label: 'property' }, { key: 'windowDays', label: 'days', number: true }] },
  eventsPerActiveUser: { label: 'Events per active user', fields: [{ key: 'event', label: 'event' }, { key: 'windowDays', label: 'days', number: true }] },
  trait: { label: 'Account trait', fields: [{ key: 'trait', label: 'trait' }] },
  activeUsersGrowth: { label: 'Active user growth (%)', fields: [{ key: 'windowDays', label: 'days', number: true }] },
  traitRatio: { label: 'Trait / trait (%)', fields: [{ key: 'numeratorTrait', label: 'trait' }, { key: 'denominatorTrait', label: 'of trait' }] },
};

/** A metric of another kind, keeping the settings both kinds have (and any filter). */
function switchMetric(metric: ComponentMetric, kind: MetricKind): ComponentMetric {
  const old = metric as unknown as Record<string, unknown>;
  const next: Record<string, unknown> = { kind };
  for (const field of METRICS[kind].fields) next[field.key] = old[field.key] ?? (field.number ? 30 : field.key === 'event' ? undefined : '');
  if (old.where !== undefined && METRICS[kind].fields.some((f) => f.key === 'event')) next.where = old.where;
  return Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as unknown as ComponentMetric;
}

/** The component model: what each factor measures, where it earns full points, and its weight (weights sum to 100). */
export function ComponentTable({ model, onChange, readOnly }: Props) {
  const sum = componentWeightSum(model.components);
  return (
    <section aria-labelledby="components-heading" className="scoring-section">
      <h2 id="components-heading">Components</h2>
      <table className="table scoring-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Measures</th>
            <th scope="col">Full points at</th>
            <th scope="col">Weight</th>
            <th scope="col">Rationale</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {model.components.map((component, index) => {
            const n = index + 1;
            const set = (patch: Parameters<typeof updateComponent>[2]) => onChange(updateComponent(model, index, patch));
            const metric = component.metric as unknown as Record<string, unknown>;
            const setMetricField = (key: string, value: unknown) =>
              set({ metric: Object.fromEntries(Object.entries({ ...metric, [key]: value }).filter(([, v]) => v !== undefined)) as unknown as ComponentMetric });
            return (
              <tr key={`${component.id}-${index}`}>
                <td>
                  <TextCell label={`Component ${n} name`} value={component.name} onChange={(name) => set({ name: name ?? '' })} readOnly={readOnly} />
                </td>
                <td>
                  <div className="cell-row">
                    <select aria-label={`Component ${n} metric`} value={component.metric.kind} disabled={readOnly} onChange={(event) => set({ metric: switchMetric(component.metric, event.target.value as MetricKind) })}>
                      {Object.entries(METRICS).map(([kind, info]) => (
                        <option key={kind} value={kind}>
                          {info.label}
                        </option>
                      ))}
                    </select>
                    {METRICS[component.metric.kind]?.fields.map((field) => (
                      <span key={field.key} className="metric-field">
                        <span className="muted" aria-hidden="true">
                          {field.label}
                        </span>
                        {field.number ? (
                          <NumberCell
                            label={`Component ${n} ${field.label}`}
                            value={typeof metric[field.key] === 'number' ? (metric[field.key] as number) : undefined}
                            onChange={(value) => setMetricField(field.key, value)}
                            readOnly={readOnly}
                            min={1}
                          />
                        ) : (
                          <TextCell
                            label={`Component ${n} ${field.label}`}
                            placeholder={field.key === 'event' ? 'any event' : field.label}
                            value={typeof metric[field.key] === 'string' ? (metric[field.key] as string) : undefined}
                            onChange={(value) => setMetricField(field.key, field.key === 'event' ? value : (value ?? ''))}
                            readOnly={readOnly}
                          />
                        )}
                      </span>
                    ))}
                  </div>
                </td>
                <td>
                  <NumberCell label={`Component ${n} full points at`} value={component.fullPointsAt} onChange={(v) => set({ fullPointsAt: v ?? 0 })} readOnly={readOnly} />
                </td>
                <td>
                  <NumberCell label={`Component ${n} weight`} value={component.weight} onChange={(v) => set({ weight: v ?? 0 })} readOnly={readOnly} min={0} />
                </td>
                <td>
                  <TextCell label={`Component ${n} rationale`} value={component.rationale} onChange={(rationale) => set({ rationale })} readOnly={readOnly} />
                </td>
                <td>
                  {!readOnly && (
                    <button type="button" className="icon-button" aria-label={`Remove component ${n}`} onClick={() => onChange({ ...model, components: removeAt(model.components, index) })}>
                      ✕
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Weights sum
            </th>
            <td colSpan={3} data-testid="weights-sum">
              {sum}
              {sum !== 100 && (
                <span className="field-error" role="alert">
                  {' '}
                  Weights must sum to 100 (now {sum}).
                </span>
              )}
            </td>
          </tr>
        </tfoot>
      </table>
      {!readOnly && (
        <button type="button" onClick={() => onChange(addComponent(model))}>
          Add component
        </button>
      )}
    </section>
  );
}
