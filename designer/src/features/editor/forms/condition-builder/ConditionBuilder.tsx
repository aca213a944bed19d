import { useId, useState } from 'react';
import { FILTER_OPERATORS, isFilterGroup, operatorInfo, ruleProblem, type Filter, type FilterGroup, type FilterOperator, type FilterRule, type Scalar } from '@tripline/playbook';
import { useDraft, sameJson, type Parsed } from '../use-draft';
import {
  appendTo,
  childrenOf,
  convertValue,
  filterOfRoot,
  listText,
  makeGroup,
  modeOf,
  newRule,
  parseListText,
  replaceAt,
  rootOf,
  setModeAt,
  valueTypeOf,
  withOperator,
  type FilterPath,
  type GroupMode,
  type ValueType,
} from './filter-edits';

/** Groups nest this deep at most in the builder (the JSON editor allows more). */
const MAX_GROUP_DEPTH = 4;

export interface ConditionBuilderProps {
  label: string;
  value: Filter | undefined;
  onChange: (filter: Filter | undefined) => void;
  /** The filter may be left out (a trigger's `where`); a condition step's `when` may not. */
  optional?: boolean;
  readOnly?: boolean;
  /** Property paths to suggest ("person.traits.email", "event.properties.plan"). */
  suggestions?: readonly string[];
  /** Shown when there is no filter. */
  emptyText?: string;
}

const pathLabel = (path: FilterPath) => path.map((index) => index + 1).join('.');

const VALUE_TYPES: { value: ValueType; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'boolean', label: 'True / false' },
  { value: 'null', label: 'Empty (null)' },
];

/**
 * A structured filter builder, like HubSpot's: rules of property, operator and value, in AND / OR
 * groups that nest. The operator decides the value input (none for "is known", a list for "is any
 * of", one value otherwise), from @tripline/playbook's FILTER_OPERATORS. It writes the DSL's filter.
 */
export function ConditionBuilder({ label, value, onChange, optional = false, readOnly = false, suggestions = [], emptyText = 'No filter.' }: ConditionBuilderProps) {
  const listId = useId();
  const root = rootOf(value);
  const commit = (group: FilterGroup) => {
    const next = filterOfRoot({ group, bare: root.bare }, optional);
    if (!sameJson(next, value)) onChange(next);
  };
  const isEmpty = childrenOf(root.group).length === 0;

  return (
    <fieldset className="condition-builder">
      <legend>{label}</legend>
      {isEmpty && optional ? (
        <div className="condition-empty">
          <span className="muted">{emptyText}</span>
          <button type="button" className="link-button" disabled={readOnly} onClick={() => commit(appendTo(root.group, [], newRule()))}>
            Add rule
          </button>
        </div>
      ) : (
        <GroupEditor group={root.group} path={[]} root={root.group} commit={commit} readOnly={readOnly} listId={listId} label={label} />
      )}
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
    </fieldset>
  );
}

interface EntryProps {
  path: FilterPath;
  root: FilterGroup;
  commit: (root: FilterGroup) => void;
  readOnly: boolean;
  listId: string;
}

function GroupEditor({ group, path, root, commit, readOnly, listId, label }: EntryProps & { group: FilterGroup; label: string }) {
  const nested = path.length > 0;
  const name = nested ? `Group ${pathLabel(path)}` : `${label}: rules`;
  const children = childrenOf(group);
  const suffix = nested ? ` to group ${pathLabel(path)}` : '';
  return (
    <div className={`filter-group${nested ? ' nested' : ''}`} role="group" aria-label={name}>
      <div className="filter-group-head">
        <label className="inline-field">
          <span>Match</span>
          <select
            aria-label={nested ? `Match (group ${pathLabel(path)})` : 'Match'}
            value={modeOf(group)}
            disabled={readOnly}
            onChange={(event) => commit(setModeAt(root, path, event.target.value as GroupMode))}
          >
            <option value="all">all of these (AND)</option>
            <option value="any">any of these (OR)</option>
          </select>
        </label>
        {nested && (
          <button type="button" className="icon-button" aria-label={`Remove group ${pathLabel(path)}`} disabled={readOnly} onClick={() => commit(replaceAt(root, path, undefined))}>
            ×
          </button>
        )}
      </div>
      {children.length === 0 && <p className="muted filter-empty">{modeOf(group) === 'all' ? 'No rules: always true.' : 'No rules: never true.'}</p>}
      {children.map((child, index) => {
        const childPath = [...path, index];
        return isFilterGroup(child) ? (
          <GroupEditor key={index} group={child} path={childPath} root={root} commit={commit} readOnly={readOnly} listId={listId} label={label} />
        ) : (
          <RuleEditor key={index} rule={child} path={childPath} root={root} commit={commit} readOnly={readOnly} listId={listId} />
        );
      })}
      <div className="filter-group-actions">
        <button type="button" className="link-button" aria-label={`Add rule${suffix}`} disabled={readOnly} onClick={() => commit(appendTo(root, path, newRule()))}>
          + Rule
        </button>
        {path.length < MAX_GROUP_DEPTH && (
          <button
            type="button"
            className="link-button"
            aria-label={`Add group${suffix}`}
            disabled={readOnly}
            onClick={() => commit(appendTo(root, path, makeGroup(modeOf(group) === 'all' ? 'any' : 'all', [newRule()])))}
          >
            + Group
          </button>
        )}
      </div>
    </div>
  );
}

function RuleEditor({ rule, path, root, commit, readOnly, listId }: EntryProps & { rule: FilterRule }) {
  const info = operatorInfo(rule.operator);
  const update = (next: FilterRule) => commit(replaceAt(root, path, next));
  const problem = rule.property === '' ? undefined : ruleProblem(rule);
  return (
    <div className="filter-rule" role="group" aria-label={`Rule ${pathLabel(path)}`}>
      <div className="filter-rule-row">
        <input
          aria-label="Property"
          className="filter-property"
          placeholder="person.traits.plan"
          value={rule.property}
          readOnly={readOnly}
          list={listId}
          onChange={(event) => update({ ...rule, property: event.target.value })}
        />
        <button type="button" className="icon-button" aria-label={`Remove rule ${pathLabel(path)}`} disabled={readOnly} onClick={() => commit(replaceAt(root, path, undefined))}>
          ×
        </button>
      </div>
      <div className="filter-rule-row">
        <select aria-label="Operator" value={rule.operator} disabled={readOnly} onChange={(event) => update(withOperator(rule, event.target.value as FilterOperator))}>
          {!info && <option value={rule.operator}>{`${String(rule.operator)} (unknown)`}</option>}
          {FILTER_OPERATORS.map((entry) => (
            <option key={entry.operator} value={entry.operator}>
              {entry.label}
            </option>
          ))}
        </select>
        {info?.value === 'single' && <SingleValue rule={rule} onChange={update} readOnly={readOnly} />}
      </div>
      {info?.value === 'list' && <ListValue rule={rule} onChange={update} readOnly={readOnly} />}
      {problem && <span className="field-error">{problem}</span>}
    </div>
  );
}

function TypeSelect({ type, onChange, readOnly }: { type: ValueType; onChange: (type: ValueType) => void; readOnly: boolean }) {
  return (
    <select aria-label="Value type" value={type} disabled={readOnly} onChange={(event) => onChange(event.target.value as ValueType)}>
      {VALUE_TYPES.map((entry) => (
        <option key={entry.value} value={entry.value}>
          {entry.label}
        </option>
      ))}
    </select>
  );
}

interface ValueProps {
  rule: FilterRule;
  onChange: (rule: FilterRule) => void;
  readOnly: boolean;
}

const parseNumber = (text: string): Parsed<Scalar> => {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? { ok: true, value } : { ok: false, error: 'enter a number' };
};

function SingleValue({ rule, onChange, readOnly }: ValueProps) {
  const value = Array.isArray(rule.value) ? rule.value[0] : rule.value;
  const type = valueTypeOf(value);
  const setType = (next: ValueType) => onChange({ ...rule, value: convertValue(value, next) });
  return (
    <>
      <TypeSelect type={type} onChange={setType} readOnly={readOnly} />
      {type === 'text' && (
        <input aria-label="Value" value={typeof value === 'string' ? value : ''} readOnly={readOnly} onChange={(event) => onChange({ ...rule, value: event.target.value })} />
      )}
      {type === 'number' && <NumberValue value={value as number} onChange={(next) => onChange({ ...rule, value: next })} readOnly={readOnly} />}
      {type === 'boolean' && (
        <select aria-label="Value" value={String(value)} disabled={readOnly} onChange={(event) => onChange({ ...rule, value: event.target.value === 'true' })}>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      )}
    </>
  );
}

function NumberValue({ value, onChange, readOnly }: { value: number; onChange: (value: number) => void; readOnly: boolean }) {
  const draft = useDraft<Scalar>(value, (v) => String(v), parseNumber);
  return (
    <>
      <input
        aria-label="Value"
        inputMode="decimal"
        value={draft.text}
        readOnly={readOnly}
        aria-invalid={draft.error ? true : undefined}
        onChange={(event) => {
          draft.setText(event.target.value);
          const parsed = parseNumber(event.target.value);
          if (parsed.ok && parsed.value !== value) onChange(parsed.value as number);
        }}
      />
      {draft.error && <span className="field-error">{draft.error}</span>}
    </>
  );
}

function ListValue({ rule, onChange, readOnly }: ValueProps) {
  const values = Array.isArray(rule.value) ? rule.value : rule.value === undefined ? [] : [rule.value];
  // An empty list has no type to read; the one chosen is remembered until values are typed.
  const [emptyType, setEmptyType] = useState<ValueType>('text');
  const type = values.length ? valueTypeOf(values) : emptyType;
  const draft = useDraft<Scalar[]>(values, listText, (text) => parseListText(text, type), sameJson);
  return (
    <div className="filter-rule-row">
      <TypeSelect
        type={type}
        onChange={(next) => {
          setEmptyType(next);
          if (values.length) onChange({ ...rule, value: convertValue(values, next) });
        }}
        readOnly={readOnly}
      />
      <textarea
        aria-label="Values (one per line)"
        rows={Math.min(6, Math.max(2, values.length + 1))}
        value={draft.text}
        readOnly={readOnly}
        aria-invalid={draft.error ? true : undefined}
        onChange={(event) => {
          draft.setText(event.target.value);
          const parsed = parseListText(event.target.value, type);
          if (parsed.ok && !sameJson(parsed.value, values)) onChange({ ...rule, value: parsed.value });
        }}
      />
      {draft.error && <span className="field-error">{draft.error}</span>}
    </div>
  );
}
