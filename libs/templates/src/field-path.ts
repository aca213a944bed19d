/** "body", "to[0]", "headers.X-Tag": how a nested input field is named in errors. */
export function fieldPath(parent: string | undefined, key: string | number): string {
  if (typeof key === 'number') return `${parent ?? ''}[${key}]`;
  return parent === undefined ? key : `${parent}.${key}`;
}

/** Plain data objects (from JSON); class instances such as Date are left alone. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
