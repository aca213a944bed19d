/** Compact inputs for table cells: labelled for assistive technology, no visible label of their own. */
import { useDraft, type Parsed } from '../editor/forms/use-draft';

interface CellProps<T> {
  label: string;
  value: T;
  onChange: (value: T) => void;
  readOnly?: boolean;
}

export function TextCell({ label, value, onChange, readOnly, placeholder, list }: CellProps<string | undefined> & { placeholder?: string; list?: string }) {
  return (
    <input
      aria-label={label}
      value={value ?? ''}
      readOnly={readOnly}
      placeholder={placeholder}
      list={list}
      onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
    />
  );
}

function parseNumber(optional: boolean, min: number | undefined) {
  return (text: string): Parsed<number | undefined> => {
    const trimmed = text.trim();
    if (trimmed === '') return optional ? { ok: true, value: undefined } : { ok: false, error: 'required' };
    const value = Number(trimmed);
    if (!Number.isFinite(value)) return { ok: false, error: 'not a number' };
    if (min !== undefined && value < min) return { ok: false, error: `at least ${min}` };
    return { ok: true, value };
  };
}

/** A number typed as text: the document only gets values that parse; what is wrong shows inline. */
export function NumberCell({ label, value, onChange, readOnly, optional = false, min }: CellProps<number | undefined> & { optional?: boolean; min?: number }) {
  const parse = parseNumber(optional, min);
  const draft = useDraft<number | undefined>(value, (v) => (v === undefined ? '' : String(v)), parse);
  return (
    <span className="number-cell">
      <input
        aria-label={label}
        inputMode="decimal"
        value={draft.text}
        readOnly={readOnly}
        aria-invalid={draft.error ? true : undefined}
        onChange={(event) => {
          draft.setText(event.target.value);
          const parsed = parse(event.target.value);
          if (parsed.ok && parsed.value !== value) onChange(parsed.value);
        }}
      />
      {draft.error && <span className="field-error">{draft.error}</span>}
    </span>
  );
}
