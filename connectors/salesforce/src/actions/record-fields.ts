import type { SalesforceClient } from '../api/salesforce-client';
import type { FieldValue } from './action-schemas';

type SObjectBody = Record<string, unknown>;

const recordPath = (client: SalesforceClient, object: string, id: string) =>
  client.dataPath(`/sobjects/${object}/${encodeURIComponent(id)}`);

/** Current values of some fields of one record (GET sobjects/<object>/<id>?fields=...). */
export async function readFields(client: SalesforceClient, object: string, id: string, fields: readonly string[]): Promise<Record<string, FieldValue>> {
  const query = new URLSearchParams({ fields: fields.join(',') });
  const { body } = await client.request<SObjectBody>('GET', `${recordPath(client, object, id)}?${query.toString()}`);
  return Object.fromEntries(fields.map((field) => [field, valueOf(body, field)]));
}

/** Sets fields of one record (PATCH sobjects/<object>/<id>, 204). */
export async function writeFields(client: SalesforceClient, object: string, id: string, values: Record<string, FieldValue>): Promise<void> {
  await client.request('PATCH', recordPath(client, object, id), { body: values });
}

/** The same value as Salesforce may echo it back: 42 and "42", 42 and 42.0, and null and undefined. */
export function sameFieldValue(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === 'number' || typeof b === 'number') {
    const [x, y] = [Number(a), Number(b)];
    if (!Number.isNaN(x) && !Number.isNaN(y) && String(a).trim() !== '' && String(b).trim() !== '') return x === y;
  }
  return String(a) === String(b);
}

export interface Restoration {
  /** Fields put back to their previous value. */
  restored: string[];
  /** Fields left alone, with why (someone changed them since, or the record is gone). */
  skipped: { field: string; reason: string }[];
}

/**
 * The undo of an update: puts back `previous` for each field that still holds what the action wrote.
 * A field someone changed since keeps its newer value (an undo must not erase a person's edit);
 * a deleted record has nothing to restore. Safe to retry: a restored field no longer matches.
 */
export async function restoreFields(
  client: SalesforceClient,
  object: string,
  id: string,
  previous: Record<string, FieldValue>,
  written: Record<string, FieldValue>,
): Promise<Restoration> {
  const fields = Object.keys(written);
  const answer = await client.request<SObjectBody>(
    'GET',
    `${recordPath(client, object, id)}?${new URLSearchParams({ fields: fields.join(',') }).toString()}`,
    { accept: [404] },
  );
  if (answer.status === 404) return { restored: [], skipped: fields.map((field) => ({ field, reason: 'the record no longer exists' })) };
  const restore: Record<string, FieldValue> = {};
  const restored: string[] = [];
  const skipped: Restoration['skipped'] = [];
  for (const field of fields) {
    const current = valueOf(answer.body, field);
    const before = previous[field] ?? null;
    if (sameFieldValue(current, before)) restored.push(field); // already back (a retried undo)
    else if (sameFieldValue(current, written[field])) {
      restore[field] = before;
      restored.push(field);
    } else skipped.push({ field, reason: `changed since to ${JSON.stringify(current)}; left as is` });
  }
  if (Object.keys(restore).length > 0) await writeFields(client, object, id, restore);
  return { restored, skipped };
}

/** A field of a REST record, found case-insensitively (SOQL and REST names are case-insensitive). */
function valueOf(body: SObjectBody | undefined, field: string): FieldValue {
  if (!body) return null;
  const key = Object.keys(body).find((candidate) => candidate.toLowerCase() === field.toLowerCase());
  const value = key === undefined ? undefined : body[key];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}
