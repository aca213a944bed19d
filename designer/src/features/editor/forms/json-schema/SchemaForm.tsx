import type { OutputEscape } from '@tripline/templates';
import { JsonField, NumberField, SelectField, StringListField } from '../inputs';
import { TemplateEditor } from '../template-editor/TemplateEditor';
import { KeyValueField } from './KeyValueField';
import { fieldsOf, type EnumOption, type SchemaField } from './schema-fields';
import { isEmptyValue, itemProblems, valueProblem } from './value-problems';

type InputObject = Record<string, unknown>;

export interface SchemaFormProps {
  /** An object JSON Schema (a connector action's `inputSchema`). */
  schema: unknown;
  value: InputObject;
  /** The whole new value, and the path of the field that changed ("subject", "meta.owner"). */
  onChange: (value: InputObject, fieldPath: string) => void;
  readOnly?: boolean;
  /** Problems from live validation, by field path. */
  problems?: ReadonlyMap<string, string>;
  /** Top-level fields whose templates produce HTML: previews escape their output as runs do. */
  htmlFields?: readonly string[];
  /** What template previews render against. */
  context?: object;
}

interface ControlProps {
  field: SchemaField;
  value: unknown;
  path: string;
  onChange: (value: unknown, fieldPath: string) => void;
  readOnly: boolean;
  problems: ReadonlyMap<string, string> | undefined;
  escape: OutputEscape;
  context: object | undefined;
}

const own = (object: InputObject, key: string): unknown => (Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined);

/** The object with `key` set, or removed when the value is empty (so a cleared field leaves the input). */
function withValue(object: InputObject, key: string, value: unknown): InputObject {
  const next = { ...object };
  if (isEmptyValue(value)) delete next[key];
  else next[key] = value;
  return next;
}

function describe(field: SchemaField): string | undefined {
  const parts: string[] = [];
  if (field.description) parts.push(field.description);
  if (field.default !== undefined && typeof field.default !== 'object') parts.push(`Default: ${String(field.default)}.`);
  if (field.format === 'email') parts.push('An email address or a template.');
  if (field.format === 'uri') parts.push('A full URL.');
  return parts.length ? parts.join(' ') : undefined;
}

function optionLabel(option: EnumOption): string {
  return typeof option === 'string' ? option : String(option);
}

function FieldControl({ field, value, path, onChange, readOnly, problems, escape, context }: ControlProps) {
  const external = problems?.get(path);
  const problem = external ?? valueProblem(field, value);
  const description = describe(field);
  const set = (next: unknown) => onChange(next, path);

  switch (field.kind) {
    case 'text':
      return (
        <TemplateEditor
          label={field.label}
          value={typeof value === 'string' ? value : value === undefined ? undefined : String(value)}
          onChange={set}
          required={field.required}
          description={description}
          problem={problem}
          multiline={field.multiline ?? false}
          escape={escape}
          readOnly={readOnly}
          {...(context ? { context } : {})}
        />
      );
    case 'scalar':
      return (
        <TemplateEditor
          label={field.label}
          value={value === undefined || value === null ? undefined : typeof value === 'string' ? value : JSON.stringify(value)}
          onChange={set}
          required={field.required}
          description={description ?? 'Text, a number or true/false; a template renders to text.'}
          problem={problem}
          readOnly={readOnly}
          {...(context ? { context } : {})}
        />
      );
    case 'number':
    case 'integer':
      return (
        <NumberField
          label={field.label}
          value={typeof value === 'number' ? value : undefined}
          onChange={set}
          integer={field.kind === 'integer'}
          min={field.minimum}
          max={field.maximum}
          required={field.required}
          description={description}
          problem={external ?? (value !== undefined && typeof value !== 'number' ? problem : undefined)}
          readOnly={readOnly}
          {...(field.default !== undefined ? { placeholder: String(field.default) } : {})}
        />
      );
    case 'boolean':
      return (
        <SelectField
          label={field.label}
          value={value === true ? 'true' : value === false ? 'false' : undefined}
          options={[
            { value: 'true', label: 'Yes' },
            { value: 'false', label: 'No' },
          ]}
          onChange={(choice) => set(choice === undefined ? undefined : choice === 'true')}
          emptyLabel={field.required ? 'Choose…' : '(not set)'}
          required={field.required}
          description={description}
          problem={problem}
          readOnly={readOnly}
        />
      );
    case 'enum': {
      const options = field.options ?? [];
      const index = options.findIndex((option) => option === value);
      return (
        <SelectField
          label={field.label}
          value={index >= 0 ? String(index) : value === undefined ? undefined : `?${String(value)}`}
          options={options.map((option, at) => ({ value: String(at), label: optionLabel(option) }))}
          onChange={(choice) => set(choice === undefined ? undefined : options[Number(choice)])}
          emptyLabel={field.required ? 'Choose…' : field.default !== undefined ? `(default: ${optionLabel(field.default as EnumOption)})` : '(not set)'}
          required={field.required}
          description={field.description}
          problem={problem}
          readOnly={readOnly}
        />
      );
    }
    case 'stringList':
      return (
        <StringListField
          label={field.label}
          values={Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : String(item))) : []}
          onChange={(values) => set(values.length ? values : undefined)}
          itemLabel={singular(field.label)}
          required={field.required}
          description={description}
          problem={external ?? (Array.isArray(value) ? valueProblem({ ...field, required: false }, value) : problem)}
          itemProblems={Array.isArray(value) ? itemProblems(field, value) : []}
          readOnly={readOnly}
        />
      );
    case 'stringOrList':
      if (Array.isArray(value)) {
        return (
          <StringListField
            label={field.label}
            values={value.map((item) => (typeof item === 'string' ? item : String(item)))}
            onChange={(values) => set(values.length > 1 ? values : values[0] === undefined || values[0] === '' ? undefined : values[0])}
            itemLabel={singular(field.label)}
            required={field.required}
            description={description}
            problem={external ?? valueProblem({ ...field, required: false }, value)}
            itemProblems={itemProblems(field, value)}
            readOnly={readOnly}
          />
        );
      }
      return (
        <div className="string-or-list">
          <TemplateEditor
            label={field.label}
            value={typeof value === 'string' ? value : undefined}
            onChange={set}
            required={field.required}
            description={description}
            problem={problem}
            readOnly={readOnly}
            {...(context ? { context } : {})}
          />
          <button type="button" className="link-button" disabled={readOnly} onClick={() => set([typeof value === 'string' ? value : '', ''])}>
            Add another {singular(field.label).toLowerCase()}
          </button>
        </div>
      );
    case 'object': {
      const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as InputObject) : {};
      return (
        <fieldset className="object-field">
          <legend>
            {field.label}
            {field.required && (
              <span className="required-mark" aria-hidden="true">
                {' '}
                *
              </span>
            )}
          </legend>
          {field.description && <span className="field-description">{field.description}</span>}
          {(field.fields ?? []).map((child) => (
            <FieldControl
              key={child.name}
              field={child}
              value={own(object, child.name)}
              path={`${path}.${child.name}`}
              onChange={(next, childPath) => {
                const updated = withValue(object, child.name, next);
                onChange(Object.keys(updated).length ? updated : undefined, childPath);
              }}
              readOnly={readOnly}
              problems={problems}
              escape="none"
              context={context}
            />
          ))}
          {external && <span className="field-error">{external}</span>}
        </fieldset>
      );
    }
    case 'map':
      return (
        <KeyValueField
          label={field.label}
          value={value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as InputObject) : undefined}
          onChange={set}
          required={field.required}
          description={field.description}
          problem={problem}
          readOnly={readOnly}
          keyLabel={singular(field.label)}
        />
      );
    case 'json':
      return (
        <JsonField
          label={`${field.label} (JSON)`}
          value={value}
          onChange={set}
          required={field.required}
          description={field.description ?? 'Edited as JSON; string values are templates.'}
          problem={problem}
          readOnly={readOnly}
        />
      );
  }
}

/** "Properties" → "Property", "Fields" → "Field", "To" → "To": what one row of a list is called. */
function singular(label: string): string {
  if (/ies$/i.test(label)) return label.replace(/ies$/i, 'y');
  if (/(ss|us)$/i.test(label)) return label;
  if (/s$/i.test(label) && label.length > 3) return label.slice(0, -1);
  return label;
}

/**
 * A form generated from an object JSON Schema: one control per property (required ones marked),
 * nested objects as fieldsets, inputs the schema does not know listed apart (as JSON, removable).
 */
export function SchemaForm({ schema, value, onChange, readOnly = false, problems, htmlFields = [], context }: SchemaFormProps) {
  const fields = fieldsOf(schema);
  const known = new Set(fields.map((field) => field.name));
  const unknown = Object.keys(value).filter((key) => !known.has(key));
  if (fields.length === 0 && unknown.length === 0) return <p className="muted">This action takes no input.</p>;
  return (
    <div className="schema-form">
      {fields.map((field) => (
        <FieldControl
          key={field.name}
          field={field}
          value={own(value, field.name)}
          path={field.name}
          onChange={(next, fieldPath) => onChange(withValue(value, field.name, next), fieldPath)}
          readOnly={readOnly}
          problems={problems}
          escape={htmlFields.includes(field.name) ? 'html' : 'none'}
          context={context}
        />
      ))}
      {unknown.length > 0 && (
        <fieldset className="object-field unknown-inputs">
          <legend>Inputs this action does not know</legend>
          {unknown.map((key) => (
            <div key={key} className="list-row">
              <JsonField label={key} value={value[key]} onChange={(next) => onChange(withValue(value, key, next), key)} readOnly={readOnly} rows={2} problem={problems?.get(key)} />
              <button type="button" className="icon-button" aria-label={`Remove input ${key}`} disabled={readOnly} onClick={() => onChange(withValue(value, key, undefined), key)}>
                ×
              </button>
            </div>
          ))}
        </fieldset>
      )}
    </div>
  );
}
