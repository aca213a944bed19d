import { FORBIDDEN_KEYS } from '../dsl/limits';

const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key);

/**
 * Reads a dotted path ("person.traits.email") from `root`, following OWN properties only. A path
 * naming `__proto__`, `prototype` or `constructor` reads as missing, so hostile input never
 * reaches a prototype. Array elements are reachable by index ("event.properties.items.0.sku").
 */
export function readPropertyPath(root: unknown, path: string): unknown {
  if (path === '') return undefined;
  let current: unknown = root;
  for (const segment of path.split('.')) {
    if (segment === '' || FORBIDDEN_KEYS.has(segment)) return undefined;
    if (typeof current !== 'object' || current === null) return undefined;
    if (!hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
