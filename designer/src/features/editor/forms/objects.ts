/** `object` with `key` set to `value`, or without `key` when `value` is undefined (optional settings are left out, not null). */
export function withField<T extends object, K extends keyof T>(object: T, key: K, value: T[K] | undefined): T {
  const next = { ...object };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
