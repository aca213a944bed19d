/**
 * What is wrong with one input value, against its field — as far as the designer can tell: string
 * inputs are LiquidJS templates rendered at run time, so a templated value is checked for Liquid
 * syntax only, and its format / pattern / length are left to the connector, which checks the
 * rendered value. The connector's own zod schema stays the last word.
 */
import { checkTemplate } from '@tripline/templates';
import { isTemplated } from '../template-editor/preview';
import type { SchemaField } from './schema-fields';

/** Deliberately loose (the connector checks strictly): something@something.tld, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function formatProblem(format: string | undefined, text: string): string | undefined {
  switch (format) {
    case 'email':
      return EMAIL.test(text) ? undefined : 'must be an email address (or a template such as {{ person.traits.email }})';
    case 'uri':
    case 'url': {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        return 'must be a full URL, e.g. https://example.com/hook';
      }
      return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'must be an http(s) URL';
    }
    case 'date':
      return DATE.test(text) ? undefined : 'must be a date as YYYY-MM-DD';
    default:
      return undefined;
  }
}

function patternProblem(pattern: string | undefined, text: string): string | undefined {
  if (pattern === undefined) return undefined;
  let expression: RegExp;
  try {
    expression = new RegExp(pattern, 'u');
  } catch {
    return undefined; // a pattern this browser cannot compile: the connector checks it
  }
  return expression.test(text) ? undefined : `does not have the expected form (${pattern.length > 40 ? 'see the connector docs' : pattern})`;
}

function textProblem(field: SchemaField, value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be text';
  if (isTemplated(value)) {
    const [problem] = checkTemplate(value);
    return problem ? `template: ${problem.message}${problem.line !== undefined ? ` (line ${problem.line}, column ${problem.column})` : ''}` : undefined;
  }
  if (field.minLength !== undefined && value.length < field.minLength) return `must be at least ${field.minLength} characters`;
  if (field.maxLength !== undefined && value.length > field.maxLength) return `must be at most ${field.maxLength} characters`;
  return formatProblem(field.format, value) ?? patternProblem(field.pattern, value);
}

function numberProblem(field: SchemaField, value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  if (field.kind === 'integer' && !Number.isInteger(value)) return 'must be a whole number';
  if (field.minimum !== undefined && value < field.minimum) return `must be at least ${field.minimum}`;
  if (field.maximum !== undefined && value > field.maximum) return `must be at most ${field.maximum}`;
  return undefined;
}

function listProblem(field: SchemaField, values: unknown[]): string | undefined {
  if (field.minItems !== undefined && values.length < field.minItems) return `needs at least ${field.minItems}`;
  if (field.maxItems !== undefined && values.length > field.maxItems) return `takes at most ${field.maxItems}`;
  return undefined;
}

/** The problem of `value` in `field` (undefined when it is fine); nested fields are checked on their own. */
export function valueProblem(field: SchemaField, value: unknown): string | undefined {
  if (isEmptyValue(value)) return field.required ? 'required' : undefined;
  switch (field.kind) {
    case 'text':
      return textProblem(field, value);
    case 'number':
    case 'integer':
      return numberProblem(field, value);
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'enum':
      return field.options?.includes(value as never) ? undefined : `must be one of ${field.options?.map(String).join(', ')}`;
    case 'stringList':
      return Array.isArray(value) ? listProblem(field, value) : 'must be a list';
    case 'stringOrList':
      if (typeof value === 'string') return field.item ? valueProblem(field.item, value) : undefined;
      return Array.isArray(value) ? listProblem(field, value) : 'must be text or a list';
    case 'object':
    case 'map':
      return typeof value === 'object' && !Array.isArray(value) ? undefined : 'must be an object';
    case 'scalar':
    case 'json':
      return undefined;
  }
}

/** Problems of each entry of a list value (stringList / stringOrList), by index. */
export function itemProblems(field: SchemaField, values: readonly unknown[]): (string | undefined)[] {
  const item = field.item;
  return values.map((value) => (item ? valueProblem({ ...item, required: true }, value) : undefined));
}
