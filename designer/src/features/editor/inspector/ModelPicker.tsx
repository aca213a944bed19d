import { useCatalogueStore } from '../../../store/catalogue-store';
import { SelectField, TextField } from '../forms/inputs';

interface PickerProps {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  readOnly?: boolean;
  problem?: string | undefined;
}

/** The workspace's scoring models by name (from the catalogue store); an id can be typed when none are known. */
export function ModelPicker({ value, onChange, readOnly, problem }: PickerProps) {
  const models = useCatalogueStore((s) => s.catalogue.models);
  const entries = Object.entries(models ?? {});
  if (entries.length === 0) {
    return (
      <TextField label="Scoring model" value={value} onChange={onChange} required readOnly={readOnly} problem={problem} description="The scoring model's id (no models are loaded)." />
    );
  }
  return (
    <SelectField
      label="Scoring model"
      value={value === '' ? undefined : value}
      options={entries.map(([id, model]) => ({ value: id, label: model.name }))}
      onChange={onChange}
      emptyLabel="Choose a model…"
      required
      readOnly={readOnly}
      problem={problem}
    />
  );
}

/** A tier of the chosen model ("(any tier)" leaves it out); typed when the model's tiers are not known. */
export function TierPicker({ label, model, value, onChange, readOnly, problem }: PickerProps & { label: string; model: string }) {
  const tiers = useCatalogueStore((s) => (model && s.catalogue.models && Object.prototype.hasOwnProperty.call(s.catalogue.models, model) ? s.catalogue.models[model]!.tiers : undefined));
  if (!tiers || tiers.length === 0) return <TextField label={label} value={value} onChange={onChange} readOnly={readOnly} problem={problem} placeholder="any tier" />;
  return (
    <SelectField
      label={label}
      value={value}
      options={tiers.map((tier) => ({ value: tier.name, label: `${tier.name} (${tier.min}–${tier.max})` }))}
      onChange={onChange}
      emptyLabel="(any tier)"
      readOnly={readOnly}
      problem={problem}
    />
  );
}
