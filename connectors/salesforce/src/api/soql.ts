/** SOQL literals, built here so user-supplied values can never change a query's shape. */

/** A quoted string literal: backslashes and quotes escaped, as SOQL requires. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/**
 * A dateTime literal in UTC, to the second (Salesforce stores SystemModstamp to the second; flooring
 * keeps a ">=" bound inclusive), e.g. 2024-01-05T10:00:00Z.
 */
export function soqlDateTime(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a time: ${String(iso)}`);
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** A field API name, optionally one relationship deep ("Account.Website"); refuses anything else. */
export const SOQL_FIELD = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)?$/;

export function soqlField(name: string): string {
  if (!SOQL_FIELD.test(name)) throw new RangeError(`'${name}' is not a Salesforce field name`);
  return name;
}

/** Salesforce answers dateTimes as "2024-01-05T10:00:00.000+0000": the same instant in ISO 8601 UTC. */
export function isoFromSalesforce(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
