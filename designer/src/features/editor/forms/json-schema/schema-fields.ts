/**
 * A connector action's input JSON Schema (draft 2020-12, printed from its zod schema by the API's
 * connector catalogue) read as form fields. Only the subset our connectors use becomes a control —
 * text (format email / uri / date, pattern, length), number / integer (range), boolean, enum, lists
 * of text, "one address or a list" (anyOf string | string[]), nested objects, maps of text values,
 * required, default, description; anything else is edited as JSON, so no input is ever out of reach.
 */

export type FieldKind = 'text' | 'number' | 'integer' | 'boolean' | 'enum' | 'stringList' | 'stringOrList' | 'object' | 'map' | 'scalar' | 'json';

export type EnumOption = string | number | boolean;

export interface SchemaField {
  /** The property name in the input object. */
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  default?: unknown;
  // text
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  /** Long text (a body, a message): a textarea. */
  multiline?: boolean;
  // number / integer
  minimum?: number;
  maximum?: number;
  // enum
  options?: EnumOption[];
  // stringList / stringOrList: what one entry is
  item?: SchemaField;
  minItems?: number;
  maxItems?: number;
  // object
  fields?: SchemaField[];
}

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const isEnumOption = (value: unknown): value is EnumOption => typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
const numberOf = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Inputs that hold long text, by name: they get a textarea (every string input is a template either way). */
const MULTILINE_NAMES = /^(text|html|body|description|message|content|notes?|comment)$/i;

const ACRONYMS: Record<string, string> = { id: 'ID', url: 'URL', uri: 'URI', html: 'HTML', ts: 'timestamp', cc: 'Cc', bcc: 'Bcc' };

/** "replyTo" → "Reply to", "contactId" → "Contact ID", "threadTs" → "Thread timestamp". */
export function humanise(name: string): string {
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => ACRONYMS[word.toLowerCase()] ?? word.toLowerCase());
  if (words.length === 0) return name;
  const [first, ...rest] = words;
  return [first!.charAt(0).toUpperCase() + first!.slice(1), ...rest].join(' ');
}

/** `#/$defs/name` inside the same document; one step (a recursive definition stays a $ref and becomes JSON). */
function resolveRef(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return schema;
  const defs = root.$defs;
  const target = isSchema(defs) ? defs[ref.slice('#/$defs/'.length)] : undefined;
  if (!isSchema(target)) return schema;
  const { $ref: _ref, ...rest } = schema;
  return { ...target, ...rest };
}

const typeOf = (schema: Schema): string | undefined => (typeof schema.type === 'string' ? schema.type : undefined);

/** `{ type: 'null' }` alternatives (a nullable field) are dropped: an empty field is left out instead. */
function withoutNull(alternatives: unknown[]): Schema[] {
  return alternatives.filter(isSchema).filter((alternative) => typeOf(alternative) !== 'null');
}

function isTextSchema(schema: Schema): boolean {
  return typeOf(schema) === 'string';
}

export function fieldOf(name: string, raw: unknown, required: boolean, root: Schema = {}): SchemaField {
  const schema = isSchema(raw) ? resolveRef(raw, root) : {};
  const field: SchemaField = {
    name,
    label: typeof schema.title === 'string' && schema.title !== '' ? schema.title : humanise(name),
    kind: 'json',
    required,
  };
  if (typeof schema.description === 'string' && schema.description !== '') field.description = schema.description;
  if ('default' in schema) field.default = schema.default;

  if (Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.every(isEnumOption)) {
    return { ...field, kind: 'enum', options: [...schema.enum] };
  }
  if ('const' in schema && isEnumOption(schema.const)) return { ...field, kind: 'enum', options: [schema.const] };

  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (alternatives) {
    const options = withoutNull(alternatives).map((alternative) => resolveRef(alternative, root));
    if (options.length === 1) return { ...fieldOf(name, { ...options[0], ...pick(schema, ['title', 'description', 'default']) }, required, root) };
    const text = options.find(isTextSchema);
    const list = options.find((option) => typeOf(option) === 'array' && isSchema(option.items) && isTextSchema(resolveRef(option.items, root)));
    if (options.length === 2 && text && list) {
      const item = fieldOf(name, text, false, root);
      return { ...field, kind: 'stringOrList', item, ...itemBounds(list) };
    }
    return field;
  }

  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type) => type !== 'null');
    if (types.length === 1 && typeof types[0] === 'string') return fieldOf(name, { ...schema, type: types[0] }, required, root);
    if (types.every((type) => type === 'string' || type === 'number' || type === 'integer' || type === 'boolean')) return { ...field, kind: 'scalar' };
    return field;
  }

  switch (typeOf(schema)) {
    case 'string': {
      const text: SchemaField = { ...field, kind: 'text' };
      if (typeof schema.format === 'string') text.format = schema.format;
      if (typeof schema.pattern === 'string') text.pattern = schema.pattern;
      const minLength = numberOf(schema.minLength);
      const maxLength = numberOf(schema.maxLength);
      if (minLength !== undefined) text.minLength = minLength;
      if (maxLength !== undefined) text.maxLength = maxLength;
      if (text.format === undefined && text.pattern === undefined && MULTILINE_NAMES.test(name)) text.multiline = true;
      return text;
    }
    case 'number':
    case 'integer': {
      const number: SchemaField = { ...field, kind: typeOf(schema) as 'number' | 'integer' };
      const minimum = numberOf(schema.minimum) ?? numberOf(schema.exclusiveMinimum);
      const maximum = numberOf(schema.maximum) ?? numberOf(schema.exclusiveMaximum);
      if (minimum !== undefined) number.minimum = minimum;
      if (maximum !== undefined) number.maximum = maximum;
      return number;
    }
    case 'boolean':
      return { ...field, kind: 'boolean' };
    case 'array': {
      const items = isSchema(schema.items) ? resolveRef(schema.items, root) : undefined;
      if (!items) return field;
      const item = fieldOf(name, items, false, root);
      if (item.kind !== 'text' && item.kind !== 'enum') return field;
      return { ...field, kind: 'stringList', item, ...itemBounds(schema) };
    }
    case 'object': {
      const properties = isSchema(schema.properties) ? schema.properties : {};
      const names = Object.keys(properties);
      const additional = schema.additionalProperties;
      if (names.length > 0 && (additional === undefined || additional === false)) {
        return { ...field, kind: 'object', fields: fieldsOf(schema, root) };
      }
      if (names.length === 0 && isSchema(additional)) {
        const value = fieldOf(name, additional, false, root);
        if (value.kind === 'text' || value.kind === 'scalar' || value.kind === 'number' || value.kind === 'integer' || value.kind === 'boolean') {
          return { ...field, kind: 'map' };
        }
      }
      return field;
    }
    default:
      return field;
  }
}

function pick(schema: Schema, keys: string[]): Schema {
  return Object.fromEntries(keys.filter((key) => key in schema).map((key) => [key, schema[key]]));
}

function itemBounds(schema: Schema): Pick<SchemaField, 'minItems' | 'maxItems'> {
  const bounds: Pick<SchemaField, 'minItems' | 'maxItems'> = {};
  const minItems = numberOf(schema.minItems);
  const maxItems = numberOf(schema.maxItems);
  if (minItems !== undefined) bounds.minItems = minItems;
  if (maxItems !== undefined) bounds.maxItems = maxItems;
  return bounds;
}

/** The fields of an object schema, in the schema's order; `root` holds the `$defs` refs point into. */
export function fieldsOf(schema: unknown, root?: unknown): SchemaField[] {
  if (!isSchema(schema)) return [];
  const rootSchema = isSchema(root) ? root : schema;
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : []);
  return Object.entries(properties).map(([name, property]) => fieldOf(name, property, required.has(name), rootSchema));
}
