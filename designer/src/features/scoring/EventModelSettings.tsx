import type { Decay, EventScoringModel, Rollup } from '@tripline/scoring';
import { NumberCell } from './cells';

interface Props {
  model: EventScoringModel;
  onChange: (model: EventScoringModel) => void;
  readOnly: boolean;
}

/** How old points lose value, and how person scores become an account score. */
export function EventModelSettings({ model, onChange, readOnly }: Props) {
  const decay = model.decay;
  const setDecayKind = (kind: Decay['kind']) =>
    onChange({ ...model, decay: kind === 'none' ? { kind } : { kind, days: decay.kind === 'none' ? 30 : decay.days } });
  return (
    <section aria-labelledby="decay-heading" className="scoring-section scoring-settings">
      <h2 id="decay-heading">Decay and rollup</h2>
      <label>
        Decay{' '}
        <select value={decay.kind} disabled={readOnly} onChange={(event) => setDecayKind(event.target.value as Decay['kind'])}>
          <option value="none">None: points never fade</option>
          <option value="halfLife">Half-life: points halve every N days</option>
          <option value="window">Window: only the last N days count</option>
        </select>
      </label>
      {decay.kind !== 'none' && (
        <span className="inline-field">
          <NumberCell label="Decay days" value={decay.days} onChange={(days) => onChange({ ...model, decay: { ...decay, days: days ?? 1 } })} readOnly={readOnly} min={1} /> days
        </span>
      )}
      <label>
        Account rollup{' '}
        <select value={model.rollup} disabled={readOnly} onChange={(event) => onChange({ ...model, rollup: event.target.value as Rollup })}>
          <option value="sum">Sum of people</option>
          <option value="max">Highest person</option>
          <option value="average">Average of people</option>
        </select>
      </label>
    </section>
  );
}
