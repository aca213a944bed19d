import { parseRoute, pathOf } from './routes';

describe('routes', () => {
  it.each([
    ['/', { name: 'playbooks' }],
    ['/playbooks', { name: 'playbooks' }],
    ['/playbooks/', { name: 'playbooks' }],
    ['/playbooks/pb_1', { name: 'playbook', id: 'pb_1' }],
    ['/runs', { name: 'runs' }],
    ['/events/live', { name: 'liveEvents' }],
    ['/runs/run%2F7', { name: 'run', id: 'run/7' }],
    ['/runs/a/b', { name: 'notFound', path: '/runs/a/b' }],
    ['/settings', { name: 'notFound', path: '/settings' }],
    ['/runs/%E0%A4%A', { name: 'notFound', path: '/runs/%E0%A4%A' }],
  ])('parses %s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('builds paths that parse back to the same route', () => {
    for (const route of [{ name: 'playbook', id: 'a b/ç' }, { name: 'run', id: 'r-1' }, { name: 'runs' }, { name: 'playbooks' }] as const) {
      expect(parseRoute(pathOf(route))).toEqual(route);
    }
  });
});
