import { canonicalJson } from './canonical-json';

/** At most this many names go into an entry (each at most MAX_NAME_LENGTH), so details stay far below 16 KB. */
export const MAX_AUDITED_NAMES = 100;
const MAX_NAME_LENGTH = 100;

/**
 * The names of the top-level keys whose values differ between two objects (added, removed or
 * changed), sorted, each with `prefix` — what an audit entry records about an edit: which parts
 * changed, never the values (a draft can be large; a connection's config holds secrets). Bounded
 * by `auditedNames`.
 */
export function changedKeys(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined, prefix = ''): string[] {
  const a = before ?? {};
  const b = after ?? {};
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return auditedNames(
    [...keys]
      .filter((key) => canonicalJson(a[key] ?? null) !== canonicalJson(b[key] ?? null))
      .sort()
      .map((key) => `${prefix}${key}`),
  );
}

/**
 * Names (keys, field names) as an audit entry keeps them: each cut to 100 characters, at most 100
 * of them, the rest counted in a last "… and N more" — user-made documents can have any number of
 * keys of any length, and an entry's details must stay small.
 */
export function auditedNames(names: readonly string[]): string[] {
  const cut = names.map((name) => (name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH - 1)}…` : name));
  if (cut.length <= MAX_AUDITED_NAMES) return cut;
  return [...cut.slice(0, MAX_AUDITED_NAMES - 1), `… and ${cut.length - (MAX_AUDITED_NAMES - 1)} more`];
}
