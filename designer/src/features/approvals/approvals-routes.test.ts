import { parseRoute, pathOf } from '../../app/routes';

describe('approval routes', () => {
  it.each([
    ['/approvals', { name: 'approvals' }],
    ['/approvals/', { name: 'approvals' }],
    ['/approvals/change-requests/cr%2F1', { name: 'changeRequest', id: 'cr/1' }],
    ['/approvals/change-requests', { name: 'notFound', path: '/approvals/change-requests' }],
    ['/approvals/change-requests/a/b', { name: 'notFound', path: '/approvals/change-requests/a/b' }],
    ['/approvals/gates/g-1', { name: 'notFound', path: '/approvals/gates/g-1' }],
  ])('parses %s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('builds paths that parse back', () => {
    for (const route of [{ name: 'approvals' }, { name: 'changeRequest', id: 'a b/ç' }] as const) expect(parseRoute(pathOf(route))).toEqual(route);
  });
});
