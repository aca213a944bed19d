/** The designer's pages and their URLs. Pure, so links and parsing cannot drift apart. */
export type Route =
  | { name: 'playbooks' }
  | { name: 'playbook'; id: string }
  | { name: 'runs' }
  | { name: 'run'; id: string }
  | { name: 'notFound'; path: string };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeSegment);
  if (parts.length === 0) return { name: 'playbooks' };
  const [section, id, ...rest] = parts;
  if (rest.length === 0 && id !== null) {
    if (section === 'playbooks') return id === undefined ? { name: 'playbooks' } : { name: 'playbook', id };
    if (section === 'runs') return id === undefined ? { name: 'runs' } : { name: 'run', id };
  }
  return { name: 'notFound', path: pathname };
}

export function pathOf(route: Exclude<Route, { name: 'notFound' }>): string {
  switch (route.name) {
    case 'playbooks':
      return '/playbooks';
    case 'playbook':
      return `/playbooks/${encodeURIComponent(route.id)}`;
    case 'runs':
      return '/runs';
    case 'run':
      return `/runs/${encodeURIComponent(route.id)}`;
  }
}

/** null for a malformed escape, which no route matches. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
