/**
 * The connect form of a connector, from its auth `configSchema` (the same schema reading as the
 * action forms), and the config object typed values make. Pure.
 */
import { fieldsOf, type SchemaField } from '../editor/forms/json-schema/schema-fields';

export interface ConfigField {
  field: SchemaField;
  /** Sent, never shown back: a password input. */
  secret: boolean;
  /** How the text typed is read: objects, lists and maps are typed as JSON. */
  input: 'text' | 'number' | 'boolean' | 'select' | 'json';
}

export function configFields(schema: unknown, secretFields: readonly string[]): ConfigField[] {
  const properties = (schema as { properties?: Record<string, Record<string, unknown>> } | null)?.properties ?? {};
  return fieldsOf(schema).map((field) => {
    const raw = properties[field.name] ?? {};
    const secret = secretFields.includes(field.name) || raw.writeOnly === true || raw['x-tripline-secret'] === true;
    const input: ConfigField['input'] =
      field.kind === 'number' || field.kind === 'integer'
        ? 'number'
        : field.kind === 'boolean'
          ? 'boolean'
          : field.kind === 'enum'
            ? 'select'
            : field.kind === 'text' || field.kind === 'scalar'
              ? 'text'
              : 'json';
    return { field, secret, input };
  });
}

export interface ConfigResult {
  config: Record<string, unknown>;
  /** Problems by field name; empty when the config can be sent. */
  problems: Record<string, string>;
}

/** The config the typed values make: empty optional fields are left out, numbers and JSON parsed. */
export function configFromValues(fields: readonly ConfigField[], values: Readonly<Record<string, string>>): ConfigResult {
  const config: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const { field, input } of fields) {
    const text = values[field.name] ?? '';
    if (input === 'boolean') {
      if (text !== '') config[field.name] = text === 'true';
      else if (field.required) config[field.name] = false;
      continue;
    }
    if (text.trim() === '') {
      if (field.required) problems[field.name] = `${field.label} is required.`;
      continue;
    }
    if (input === 'number') {
      const number = Number(text);
      if (!Number.isFinite(number)) problems[field.name] = `${field.label} must be a number.`;
      else config[field.name] = number;
    } else if (input === 'json') {
      try {
        config[field.name] = JSON.parse(text);
      } catch {
        problems[field.name] = `${field.label} must be JSON.`;
      }
    } else if (input === 'select') {
      const option = field.options?.find((o) => String(o) === text);
      config[field.name] = option ?? text;
    } else {
      config[field.name] = text;
    }
  }
  return { config, problems };
}
