import type { FakeRoute } from './fake-types';

export interface CompiledRoute {
  route: FakeRoute;
  method: string;
  /** Params of a matching path, or undefined when the path does not match. */
  match(path: string): Record<string, string> | undefined;
}

const PARAM = /:([A-Za-z_][A-Za-z0-9_]*)/g;

/** Turns a route's path ("/v1/items/:id" or a RegExp) into a matcher; checks the declaration once. */
export function compileRoute(route: FakeRoute, vendor: string): CompiledRoute {
  if (typeof route.handler !== 'function') throw new Error(`${vendor} fake: route ${route.method} ${String(route.path)} has no handler`);
  const method = route.method.toUpperCase();
  if (typeof route.path !== 'string') {
    const pattern = new RegExp(`^(?:${route.path.source})$`, route.path.flags.replace('g', ''));
    return { route, method, match: (path) => groupsOf(pattern.exec(path)) };
  }
  if (!route.path.startsWith('/')) throw new Error(`${vendor} fake: route path '${route.path}' must start with "/"`);
  const names: string[] = [];
  // Escape everything but the :params, each of which matches one path segment.
  const source = route.path
    .split(PARAM)
    .map((part, index) => (index % 2 === 1 ? (names.push(part), '([^/]+)') : escapeRegExp(part)))
    .join('');
  const pattern = new RegExp(`^${source}$`);
  return {
    route,
    method,
    match(path) {
      const found = pattern.exec(path);
      if (!found) return undefined;
      return Object.fromEntries(names.map((name, index) => [name, safeDecode(found[index + 1]!)]));
    },
  };
}

function groupsOf(found: RegExpExecArray | null): Record<string, string> | undefined {
  if (!found) return undefined;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(found.groups ?? {})) if (value !== undefined) params[name] = safeDecode(value);
  return params;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
