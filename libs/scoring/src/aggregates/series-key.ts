import type { Filter } from '@tripline/playbook';

/** The same JSON with object keys sorted, so equal filters written in another order share a series. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = canonical((value as Record<string, unknown>)[key]);
  return sorted;
}

/** The key of a series: "#" and the JSON of [event or null, filter or null], unambiguous for any name. */
export function seriesKey(event: string | null, where?: Filter): string {
  return `#${JSON.stringify([event, where === undefined ? null : canonical(where)])}`;
}

/** Keys inside buckets: "#" + the id or name, so no user-chosen text is ever an object's own special key. */
export const bucketKey = (text: string): string => `#${text}`;
