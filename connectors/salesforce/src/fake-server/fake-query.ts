import { FakeApiError } from './fake-errors';
import type { FakeOrg, FakeRecord } from './fake-org';
import { canonicalField, relationshipField, type FakeObjectType, type ObjectSchema } from './fake-schema';
import { fieldsOfQuery, parseSoql, type Condition, type Literal, type SoqlQuery } from './fake-soql';
import { dateTimeMs } from './fake-time';

/** A row as the query resource returns it: `attributes`, the selected fields, relationship fields nested. */
export type QueryRow = Record<string, unknown>;

const recordUrl = (version: string, type: string, id: string) => `/services/data/${version}/sobjects/${type}/${id}`;

/** Runs a SOQL statement over the org, checking the object and fields as Salesforce does. */
export function runSoql(org: FakeOrg, soql: string, version: string): QueryRow[] {
  const query = parseSoql(soql);
  const schema = objectSchema(org, query.object);
  for (const field of fieldsOfQuery(query)) checkField(org, schema, field);
  const matching = org.list(schema.type).filter((record) => !query.where || holds(org, schema, record, query.where));
  matching.sort((a, b) => compareRows(org, schema, query, a, b));
  const limited = query.limit === undefined ? matching : matching.slice(0, query.limit);
  return limited.map((record) => rowOf(org, schema, query, record, version));
}

function objectSchema(org: FakeOrg, name: string): ObjectSchema & { type: FakeObjectType } {
  try {
    return org.schemaOf(name);
  } catch {
    throw new FakeApiError(400, 'INVALID_TYPE', `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`);
  }
}

function checkField(org: FakeOrg, schema: ObjectSchema & { type: FakeObjectType }, path: string): void {
  const [head, tail] = path.split('.', 2) as [string, string | undefined];
  if (tail === undefined) {
    if (!canonicalField(schema, head)) throw new FakeApiError(400, 'INVALID_FIELD', `No such column '${head}' on entity '${schema.type}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`);
    return;
  }
  if (!relationshipField(schema, head)) throw new FakeApiError(400, 'INVALID_FIELD', `Didn't understand relationship '${head}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`);
  // The related object is only known per record (WhoId may be a Lead or a Contact): accept a field any object has.
  if (!Object.values(org.schemas).some((related) => canonicalField(related, tail))) {
    throw new FakeApiError(400, 'INVALID_FIELD', `No such column '${tail}' on entity '${head}'.`);
  }
}

/** The value of a field path on a record (relationship paths follow the reference). */
function valueAt(org: FakeOrg, schema: ObjectSchema, record: FakeRecord, path: string): unknown {
  const [head, tail] = path.split('.', 2) as [string, string | undefined];
  if (tail === undefined) return record[canonicalField(schema, head)!];
  const related = org.resolve(record[relationshipField(schema, head)!]);
  if (!related) return undefined;
  const field = canonicalField(org.schemas[related.type], tail);
  return field ? related.fields[field] : undefined;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** -1 / 0 / 1, or undefined when the two cannot be ordered (then only != holds). */
function compareTo(value: unknown, literal: Literal): number | undefined {
  switch (literal.kind) {
    case 'null':
      return undefined;
    case 'number':
      return typeof value === 'number' ? Math.sign(value - literal.value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? (value === literal.value ? 0 : 1) : undefined;
    case 'dateTime': {
      const ms = dateTimeMs(value);
      return ms === undefined ? undefined : Math.sign(ms - literal.ms);
    }
    case 'date':
      return typeof value === 'string' ? Math.sign(value.slice(0, 10).localeCompare(literal.value)) : undefined;
    case 'string': {
      if (typeof value !== 'string') return undefined;
      // Text comparisons in SOQL are case-insensitive.
      const [a, b] = [value.toLowerCase(), literal.value.toLowerCase()];
      return a < b ? -1 : a > b ? 1 : 0;
    }
  }
}

function holds(org: FakeOrg, schema: ObjectSchema, record: FakeRecord, condition: Condition): boolean {
  switch (condition.kind) {
    case 'and':
      return holds(org, schema, record, condition.left) && holds(org, schema, record, condition.right);
    case 'or':
      return holds(org, schema, record, condition.left) || holds(org, schema, record, condition.right);
    case 'not':
      return !holds(org, schema, record, condition.inner);
    case 'in': {
      const value = valueAt(org, schema, record, condition.field);
      const found = condition.values.some((literal) => (literal.kind === 'null' ? isEmpty(value) : compareTo(value, literal) === 0));
      return condition.negated ? !found : found;
    }
    case 'like': {
      const value = valueAt(org, schema, record, condition.field);
      if (typeof value !== 'string') return false;
      const pattern = condition.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
      return new RegExp(`^${pattern}$`, 'is').test(value);
    }
    case 'compare': {
      const value = valueAt(org, schema, record, condition.field);
      if (condition.value.kind === 'null') return condition.op === '=' ? isEmpty(value) : condition.op === '!=' ? !isEmpty(value) : false;
      if (isEmpty(value)) return condition.op === '!=';
      const order = compareTo(value, condition.value);
      if (order === undefined) return condition.op === '!=';
      return { '=': order === 0, '!=': order !== 0, '<': order < 0, '<=': order <= 0, '>': order > 0, '>=': order >= 0 }[condition.op];
    }
  }
}

function compareValues(a: unknown, b: unknown): number {
  const [msA, msB] = [dateTimeMs(a), dateTimeMs(b)];
  if (msA !== undefined && msB !== undefined) return Math.sign(msA - msB);
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  const [textA, textB] = [String(a), String(b)];
  return textA < textB ? -1 : textA > textB ? 1 : 0;
}

function compareRows(org: FakeOrg, schema: ObjectSchema, query: SoqlQuery, a: FakeRecord, b: FakeRecord): number {
  for (const key of query.orderBy) {
    const [valueA, valueB] = [valueAt(org, schema, a, key.field), valueAt(org, schema, b, key.field)];
    if (isEmpty(valueA) || isEmpty(valueB)) {
      if (isEmpty(valueA) && isEmpty(valueB)) continue;
      return isEmpty(valueA) === key.nullsLast ? 1 : -1;
    }
    const order = compareValues(valueA, valueB);
    if (order !== 0) return key.descending ? -order : order;
  }
  return 0;
}

function rowOf(org: FakeOrg, schema: ObjectSchema & { type: FakeObjectType }, query: SoqlQuery, record: FakeRecord, version: string): QueryRow {
  const row: QueryRow = { attributes: { type: schema.type, url: recordUrl(version, schema.type, record.Id) } };
  for (const path of query.fields) {
    const [head, tail] = path.split('.', 2) as [string, string | undefined];
    if (tail === undefined) {
      const field = canonicalField(schema, head)!;
      row[field] = record[field] ?? null;
      continue;
    }
    const reference = relationshipField(schema, head)!;
    const relationship = reference.slice(0, -2);
    const related = org.resolve(record[reference]);
    if (!related) {
      row[relationship] ??= null;
      continue;
    }
    const nested = (row[relationship] as QueryRow | null | undefined) ?? {
      attributes: { type: related.type, url: recordUrl(version, related.type, related.fields.Id) },
    };
    const field = canonicalField(org.schemas[related.type], tail) ?? tail;
    nested[field] = related.fields[field] ?? null;
    row[relationship] = nested;
  }
  return row;
}
