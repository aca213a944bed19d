import { createFakeVendorServer } from './fake-vendor-server';
import type { FakeVendorServer } from './fake-types';

describe('createFakeVendorServer', () => {
  let server: FakeVendorServer;

  beforeEach(async () => {
    server = await createFakeVendorServer({
      name: 'acme',
      routes: [
        { method: 'GET', path: '/v1/items/:itemId/notes/:noteId', handler: (req) => ({ status: 200, body: { params: req.params, query: req.query } }) },
        { method: 'post', path: '/v1/items', handler: (req) => ({ status: 201, headers: { 'x-echo': 'yes' }, body: { got: req.body } }) },
        { method: 'POST', path: '/oauth2/token', handler: (req) => ({ status: 200, body: { form: req.body } }) },
        { method: 'GET', path: /\/v2\/(?<kind>deals|contacts)\/(?<id>\d+)/, handler: (req) => ({ status: 200, body: req.params }) },
        { method: 'GET', path: '/export', handler: () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: '{"a":1}\n{"a":2}\n' }) },
        { method: 'GET', path: '/binary', handler: () => ({ status: 200, body: Buffer.from([1, 2, 3]) }) },
        { method: 'GET', path: '/broken', handler: () => { throw new Error('oops'); } },
        { method: 'DELETE', path: '/v1/items/:id', handler: () => ({ status: 204 }) },
      ],
    });
  });

  afterEach(() => server.close());

  it('listens on a loopback port and routes :params, decoded, with the query', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/v1/items/a%20b/notes/7?limit=2&after=x&limit=3`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ params: { itemId: 'a b', noteId: '7' }, query: { limit: '2', after: 'x' } });
    expect(server.requests[0]!.searchParams.getAll('limit')).toEqual(['2', '3']);
    expect(server.requests[0]!.url).toBe(`${server.url}/v1/items/a%20b/notes/7?limit=2&after=x&limit=3`);
  });

  it('routes RegExp paths with named groups as params, whole path only', async () => {
    expect(await (await fetch(`${server.url}/v2/deals/42`)).json()).toEqual({ kind: 'deals', id: '42' });
    expect((await fetch(`${server.url}/v2/deals/42/extra`)).status).toBe(404);
  });

  it('parses JSON bodies, keeps the raw bytes, and sends object bodies as JSON with the handler headers', async () => {
    const raw = '{"name":"Call Ada","n":1}';
    const response = await fetch(`${server.url}/v1/items`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Token': 'abc' }, body: raw });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(await response.json()).toEqual({ got: { name: 'Call Ada', n: 1 } });
    const logged = server.requests[0]!;
    expect(logged.rawBody.toString('utf8')).toBe(raw);
    expect(logged.headers['x-token']).toBe('abc');
    expect(logged.method).toBe('POST');
  });

  it('parses form-encoded bodies (OAuth token endpoints take them) and leaves unparseable JSON undefined', async () => {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'r t+1' });
    expect(await (await fetch(`${server.url}/oauth2/token`, { method: 'POST', body: form })).json()).toEqual({
      form: { grant_type: 'refresh_token', refresh_token: 'r t+1' },
    });
    await fetch(`${server.url}/v1/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(server.requests[1]!.body).toBeUndefined();
    expect(server.requests[1]!.rawBody.toString()).toBe('{nope');
  });

  it('sends string and Buffer bodies as they are', async () => {
    const ndjson = await fetch(`${server.url}/export`);
    expect(ndjson.headers.get('content-type')).toBe('text/plain');
    expect(await ndjson.text()).toBe('{"a":1}\n{"a":2}\n');
    const binary = await fetch(`${server.url}/binary`);
    expect(Buffer.from(await binary.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]));
    expect((await fetch(`${server.url}/v1/items/9`, { method: 'DELETE' })).status).toBe(204);
  });

  it('answers unknown routes and wrong methods with a 404 naming the vendor and the route', async () => {
    const response = await fetch(`${server.url}/nowhere`, { method: 'PUT' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found', message: 'The acme fake has no route for PUT /nowhere' });
    expect((await fetch(`${server.url}/v1/items`)).status).toBe(404);
  });

  it('turns a throwing handler into a 500 that says so', async () => {
    const response = await fetch(`${server.url}/broken`);
    expect(response.status).toBe(500);
    expect((await response.json()) as object).toMatchObject({ message: "The acme fake's handler threw: oops" });
  });

  it('fails the next N requests with the fault, in order, then routes again', async () => {
    server.failNext({ status: 429, headers: { 'Retry-After': '3' }, body: { status: 'error', category: 'RATE_LIMITS' }, times: 2 });
    server.failNext({ status: 500 });
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await fetch(`${server.url}/v2/contacts/1`));
    expect(answers.map((a) => a.status)).toEqual([429, 429, 500, 200]);
    expect(answers[0]!.headers.get('retry-after')).toBe('3');
    expect(await answers[1]!.json()).toEqual({ status: 'error', category: 'RATE_LIMITS' });
    expect(server.requests.map((r) => r.faulted ?? false)).toEqual([true, true, true, false]);
  });

  it('refuses a fault that is not an HTTP status or a positive count, and can drop pending faults', async () => {
    expect(() => server.failNext({ status: 42 })).toThrow('acme fake: failNext status must be an HTTP status, got 42');
    expect(() => server.failNext({ status: 500, times: 0 })).toThrow('failNext times must be a positive integer, got 0');
    server.failNext({ status: 401, times: 5 });
    server.clearFaults();
    expect((await fetch(`${server.url}/v2/deals/1`)).status).toBe(200);
  });

  it('logs requests with their arrival time and finds them by method and path', async () => {
    const before = Date.now();
    await fetch(`${server.url}/v2/deals/1`);
    await fetch(`${server.url}/v1/items`, { method: 'POST', body: '{}' });
    expect(server.requests[0]!.receivedAt).toBeGreaterThanOrEqual(before);
    expect(server.requests[1]!.receivedAt).toBeGreaterThanOrEqual(server.requests[0]!.receivedAt);
    expect(server.requestsTo('post', '/v1/items')).toHaveLength(1);
    expect(server.requestsTo('GET', /^\/v2\//)).toHaveLength(1);
    expect(server.requests[1]!.body).toEqual({});
  });
});

describe('closing a fake', () => {
  it('closes promptly even while fetch holds a keep-alive socket', async () => {
    const server = await createFakeVendorServer({ name: 'acme', routes: [{ method: 'GET', path: '/ping', handler: () => ({ status: 200, body: 'pong' }) }] });
    expect(await (await fetch(`${server.url}/ping`)).text()).toBe('pong');
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`${server.url}/ping`)).rejects.toThrow();
  });

  it('rejects a route without a leading slash when the fake is created', async () => {
    await expect(createFakeVendorServer({ name: 'acme', routes: [{ method: 'GET', path: 'ping', handler: () => ({ status: 200 }) }] })).rejects.toThrow(
      "acme fake: route path 'ping' must start with \"/\"",
    );
  });
});
