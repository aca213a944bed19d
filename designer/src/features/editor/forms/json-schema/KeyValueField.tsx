import { useState } from 'react';
import { sameJson } from '../use-draft';

type Row = { key: string; value: unknown };

const rowsOf = (value: Record<string, unknown> | undefined): Row[] => Object.entries(value ?? {}).map(([key, item]) => ({ key, value: item }));

/** Rows with a name become the object; a row whose name is still empty stays on screen only. */
function objectOf(rows: readonly Row[]): Record<string, unknown> {
  const entries = rows.filter((row) => row.key.trim() !== '').map((row) => [row.key.trim(), row.value] as const);
  return Object.fromEntries(entries);
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value));

export interface KeyValueFieldProps {
  label: string;
  value: Record<string, unknown> | undefined;
  onChange: (value: Record<string, unknown> | undefined) => void;
  required?: boolean;
  description?: string | undefined;
  problem?: string | undefined;
  readOnly?: boolean;
  /** What a key is ("Property", "Field", "Header"). */
  keyLabel?: string;
}

/**
 * Name → value pairs (CRM properties to set, headers): values are text (templates), a value that is
 * a number or true/false in the document is kept as it is until edited.
 */
export function KeyValueField({ label, value, onChange, required, description, problem, readOnly, keyLabel = 'Name' }: KeyValueFieldProps) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(value));
  const [seen, setSeen] = useState(value);
  if (!sameJson(seen, value)) {
    setSeen(value);
    if (!sameJson(objectOf(rows), value ?? {})) setRows(rowsOf(value));
  }
  const names = rows.map((row) => row.key.trim()).filter(Boolean);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);

  const update = (next: Row[]) => {
    setRows(next);
    const object = objectOf(next);
    const reported = Object.keys(object).length === 0 ? undefined : object;
    if (!sameJson(reported, value)) onChange(reported);
  };

  return (
    <fieldset className="list-field key-value-field">
      <legend>
        {label}
        {required && (
          <span className="required-mark" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </legend>
      {rows.map((row, index) => (
        <div className="list-row" key={index}>
          <input
            aria-label={`${keyLabel} ${index + 1}`}
            placeholder={keyLabel.toLowerCase()}
            value={row.key}
            readOnly={readOnly}
            onChange={(event) => update(rows.map((item, at) => (at === index ? { ...item, key: event.target.value } : item)))}
          />
          <input
            aria-label={`Value ${index + 1}`}
            placeholder="value or {{ template }}"
            value={asText(row.value)}
            readOnly={readOnly}
            onChange={(event) => update(rows.map((item, at) => (at === index ? { ...item, value: event.target.value } : item)))}
          />
          <button type="button" className="icon-button" aria-label={`Remove ${keyLabel.toLowerCase()} ${index + 1}`} disabled={readOnly} onClick={() => update(rows.filter((_, at) => at !== index))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="link-button" disabled={readOnly} onClick={() => setRows([...rows, { key: '', value: '' }])}>
        Add {keyLabel.toLowerCase()}
      </button>
      {(problem || duplicate || description) && (
        <span className={problem || duplicate ? 'field-error' : 'field-description'}>
          {problem ?? (duplicate ? `"${duplicate}" is named twice; the last one counts` : description)}
        </span>
      )}
    </fieldset>
  );
}
