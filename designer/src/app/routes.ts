/** The designer's pages and their URLs. Pure, so links and parsing cannot drift apart. */
export type Route =
  | { name: 'playbooks' }
  | { name: 'playbook'; id: string }
  | { name: 'runs' }
  | { name: 'run'; id: string }
  | { name: 'approvals' }
  | { name: 'changeRequest'; id: string }
  | { name: 'connections' }
  | { name: 'templates' }
  | { name: 'events' }
  | { name: 'liveEvents' }
  | { name: 'scoringModels' }
  | { name: 'scoringModel'; id: string }
  | { name: 'playbookBacktest'; id: string }
  | { name: 'notFound'; path: string };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeSegment);
  if (parts.length === 0) return { name: 'playbooks' };
  const [section, id, ...rest] = parts;
  if (section === 'approvals') {
    if (id === undefined) return { name: 'approvals' };
    const [changeId, ...more] = rest;
    if (id === 'change-requests' && typeof changeId === 'string' && more.length === 0) return { name: 'changeRequest', id: changeId };
  }
  if (parts.length === 1 && section === 'connections') return { name: 'connections' };
  if (parts.length === 1 && section === 'templates') return { name: 'templates' };
  if (parts.length === 1 && section === 'events') return { name: 'events' };
  if (parts.length === 2 && section === 'events' && id === 'live') return { name: 'liveEvents' };
  if (section === 'scoring-models' && rest.length === 0 && id !== null) return id === undefined ? { name: 'scoringModels' } : { name: 'scoringModel', id };
  if (section === 'playbooks' && typeof id === 'string' && rest.length === 1 && rest[0] === 'backtest') return { name: 'playbookBacktest', id };
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
    case 'scoringModels':
      return '/scoring-models';
    case 'scoringModel':
      return `/scoring-models/${encodeURIComponent(route.id)}`;
    case 'playbookBacktest':
      return `/playbooks/${encodeURIComponent(route.id)}/backtest`;
    case 'connections':
      return '/connections';
    case 'templates':
      return '/templates';
    case 'events':
      return '/events';
    case 'liveEvents':
      return '/events/live';
    case 'run':
      return `/runs/${encodeURIComponent(route.id)}`;
    case 'approvals':
      return '/approvals';
    case 'changeRequest':
      return `/approvals/change-requests/${encodeURIComponent(route.id)}`;
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
