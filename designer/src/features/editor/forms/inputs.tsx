/**
 * The node panel's controls. Each takes the document's value and reports a new one; the panel
 * sends it through the editor store (one undoable step per field typed into). Controls whose text
 * can be incomplete (numbers, durations, JSON) keep the text locally and report only values that
 * parse, saying inline what is wrong until then.
 */
import { useId, type ReactNode } from 'react';
import { formatDuration, isDuration, parseDuration } from '@tripline/playbook';
import { Field } from './Field';
import { sameJson, useDraft, type Parsed } from './use-draft';

interface CommonProps {
  label: string;
  required?: boolean;
  description?: string | undefined;
  /** A problem found elsewhere (live validation) for this field. */
  problem?: string | undefined;
  readOnly?: boolean;
}

export interface TextFieldProps extends CommonProps {
  value: string | undefined;
  /** The text typed; an empty field reports undefined (the setting is removed). */
  onChange: (value: string | undefined) => void;
  placeholder?: string;
  /** Suggestions (a datalist). */
  suggestions?: readonly string[];
  note?: ReactNode;
  maxLength?: number;
}

export function TextField({ label, value, onChange, required, description, problem, readOnly, placeholder, suggestions, note, maxLength }: TextFieldProps) {
  const listId = useId();
  return (
    <Field label={label} required={required} description={description} error={problem} note={note}>
      {({ id, describedBy, invalid }) => (
        <>
          <input
            id={id}
            value={value ?? ''}
            placeholder={placeholder}
            required={required}
            readOnly={readOnly}
            maxLength={maxLength}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            list={suggestions?.length ? listId : undefined}
            onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
          />
          {suggestions && suggestions.length > 0 && (
            <datalist id={listId}>
              {suggestions.map((suggestion) => (
                <option key={suggestion} value={suggestion} />
              ))}
            </datalist>
          )}
        </>
      )}
    </Field>
  );
}

export interface NumberFieldProps extends CommonProps {
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  integer?: boolean;
  min?: number | undefined;
  max?: number | undefined;
  placeholder?: string;
  note?: ReactNode;
}

function numberParser(integer: boolean, min: number | undefined, max: number | undefined, required: boolean) {
  return (text: string): Parsed<number | undefined> => {
    const trimmed = text.trim();
    if (trimmed === '') return required ? { ok: false, error: 'required' } : { ok: true, value: undefined };
    const value = Number(trimmed);
    if (!Number.isFinite(value)) return { ok: false, error: `"${trimmed}" is not a number` };
    if (integer && !Number.isInteger(value)) return { ok: false, error: 'must be a whole number' };
    if (min !== undefined && value < min) return { ok: false, error: `must be at least ${min}` };
    if (max !== undefined && value > max) return { ok: false, error: `must be at most ${max}` };
    return { ok: true, value };
  };
}

export function NumberField({ label, value, onChange, integer = false, min, max, required = false, description, problem, readOnly, placeholder, note }: NumberFieldProps) {
  const draft = useDraft<number | undefined>(value, (v) => (v === undefined ? '' : String(v)), numberParser(integer, min, max, required));
  return (
    <Field label={label} required={required} description={description} error={draft.error ?? problem} note={note}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          inputMode={integer ? 'numeric' : 'decimal'}
          value={draft.text}
          placeholder={placeholder}
          required={required}
          readOnly={readOnly}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(event) => {
            draft.setText(event.target.value);
            const parsed = numberParser(integer, min, max, required)(event.target.value);
            if (parsed.ok && parsed.value !== value) onChange(parsed.value);
          }}
        />
      )}
    </Field>
  );
}

export interface DurationFieldProps extends CommonProps {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}

function parseDurationText(required: boolean) {
  return (text: string): Parsed<string | undefined> => {
    const trimmed = text.trim();
    if (trimmed === '') return required ? { ok: false, error: 'required: a duration such as "2d"' } : { ok: true, value: undefined };
    if (isDuration(trimmed)) return { ok: true, value: trimmed };
    try {
      parseDuration(trimmed);
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
    return { ok: false, error: 'not a duration' };
  };
}

/** "30s", "15m", "48h", "2d", "1w" (checked with isDuration); shows how it reads ("2 days"). */
export function DurationField({ label, value, onChange, required = false, description, problem, readOnly }: DurationFieldProps) {
  const parse = parseDurationText(required);
  const draft = useDraft<string | undefined>(value, (v) => v ?? '', parse);
  const reading = draft.parsed.ok && draft.parsed.value ? formatDuration(draft.parsed.value) : undefined;
  return (
    <Field label={label} required={required} description={description ?? 'A number and a unit: s, m, h, d or w (e.g. 30m, 48h, 2d, 1w).'} error={draft.error ?? problem} note={reading}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          value={draft.text}
          placeholder="2d"
          required={required}
          readOnly={readOnly}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(event) => {
            draft.setText(event.target.value);
            const parsed = parse(event.target.value);
            if (parsed.ok && parsed.value !== value) onChange(parsed.value);
          }}
        />
      )}
    </Field>
  );
}

export interface Option<T extends string = string> {
  value: T;
  label: string;
}

export interface SelectFieldProps<T extends string> extends CommonProps {
  value: T | undefined;
  options: readonly Option<T>[];
  onChange: (value: T | undefined) => void;
  /** The entry for "not set" (omitted: a value must be chosen). */
  emptyLabel?: string;
  note?: ReactNode;
}

export function SelectField<T extends string>({ label, value, options, onChange, emptyLabel, required, description, problem, readOnly, note }: SelectFieldProps<T>) {
  const known = value === undefined || options.some((option) => option.value === value);
  return (
    <Field label={label} required={required} description={description} error={problem} note={note}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          value={value ?? ''}
          required={required}
          disabled={readOnly}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(event) => onChange(event.target.value === '' ? undefined : (event.target.value as T))}
        >
          {(emptyLabel !== undefined || value === undefined) && <option value="">{emptyLabel ?? 'Choose…'}</option>}
          {!known && <option value={value}>{`${value} (unknown)`}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  readOnly?: boolean;
  description?: string;
}

export function CheckboxField({ label, checked, onChange, readOnly, description }: CheckboxFieldProps) {
  return (
    <label className="checkbox-field">
      <input type="checkbox" checked={checked} disabled={readOnly} onChange={(event) => onChange(event.target.checked)} />
      <span>{label}</span>
      {description && <span className="field-description">{description}</span>}
    </label>
  );
}

export interface StringListFieldProps extends CommonProps {
  values: readonly string[];
  onChange: (values: string[]) => void;
  /** What one entry is called ("Role", "Address"): rows are "Role 1", "Role 2"… */
  itemLabel: string;
  placeholder?: string;
  suggestions?: readonly string[];
  /** Problems of single entries, by index. */
  itemProblems?: readonly (string | undefined)[];
}

/** A list of texts, one input per entry, with Add and Remove. */
export function StringListField({ label, values, onChange, itemLabel, required, description, problem, readOnly, placeholder, suggestions, itemProblems }: StringListFieldProps) {
  const listId = useId();
  const groupId = useId();
  return (
    <fieldset className="list-field" aria-describedby={problem || description ? `${groupId}-note` : undefined}>
      <legend>
        {label}
        {required && (
          <span className="required-mark" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </legend>
      {values.map((value, index) => (
        <div className="list-row" key={index}>
          <input
            aria-label={`${itemLabel} ${index + 1}`}
            value={value}
            placeholder={placeholder}
            readOnly={readOnly}
            aria-invalid={itemProblems?.[index] ? true : undefined}
            list={suggestions?.length ? listId : undefined}
            onChange={(event) => onChange(values.map((item, at) => (at === index ? event.target.value : item)))}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${itemLabel.toLowerCase()} ${index + 1}`}
            disabled={readOnly}
            onClick={() => onChange(values.filter((_, at) => at !== index))}
          >
            ×
          </button>
          {itemProblems?.[index] && <span className="field-error">{itemProblems[index]}</span>}
        </div>
      ))}
      <button type="button" className="link-button" disabled={readOnly} onClick={() => onChange([...values, ''])}>
        Add {itemLabel.toLowerCase()}
      </button>
      {suggestions && suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
      {(problem || description) && (
        <span id={`${groupId}-note`} className={problem ? 'field-error' : 'field-description'}>
          {problem ?? description}
        </span>
      )}
    </fieldset>
  );
}

export interface JsonFieldProps extends CommonProps {
  value: unknown;
  onChange: (value: unknown) => void;
  rows?: number;
  /** Extra checks on parsed JSON (e.g. "must be an object"). */
  check?: (value: unknown) => string | undefined;
}

/** A value edited as JSON text: reported when it parses (and passes `check`). */
export function JsonField({ label, value, onChange, required = false, description, problem, readOnly, rows = 5, check }: JsonFieldProps) {
  const parse = (text: string): Parsed<unknown> => {
    if (text.trim() === '') return required ? { ok: false, error: 'required' } : { ok: true, value: undefined };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return { ok: false, error: `not JSON: ${(error as Error).message}` };
    }
    const wrong = check?.(parsed);
    return wrong ? { ok: false, error: wrong } : { ok: true, value: parsed };
  };
  const draft = useDraft<unknown>(value, (v) => (v === undefined ? '' : JSON.stringify(v, null, 2)), parse, sameJson);
  return (
    <Field label={label} required={required} description={description} error={draft.error ?? problem}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          className="json-input"
          rows={rows}
          spellCheck={false}
          value={draft.text}
          readOnly={readOnly}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(event) => {
            draft.setText(event.target.value);
            const parsed = parse(event.target.value);
            if (parsed.ok && !sameJson(parsed.value, value)) onChange(parsed.value);
          }}
        />
      )}
    </Field>
  );
}
