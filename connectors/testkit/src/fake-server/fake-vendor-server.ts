import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  FakeFault,
  FakeRequest,
  FakeResponse,
  FakeVendorServer,
  FakeVendorServerOptions,
} from './fake-types';
import { parseBody, readRawBody } from './read-body';
import { compileRoute, type CompiledRoute } from './route-matcher';

/**
 * Starts a fake of a vendor's HTTP API on 127.0.0.1 (a free port). The routes implement what the
 * connector uses of the vendor's documented API; the server logs every request and can be told to
 * fail the next ones (401, 429 with Retry-After, 500...). Unknown routes answer 404 with JSON.
 */
export async function createFakeVendorServer(options: FakeVendorServerOptions): Promise<FakeVendorServer> {
  const vendor = options.name;
  const routes = options.routes.map((route) => compileRoute(route, vendor));
  const requests: FakeRequest[] = [];
  const faults: { fault: FakeFault; remaining: number }[] = [];
  let baseUrl = '';

  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: unknown) => {
      // Only reached when writing the answer failed (the client went away): nothing left to tell it.
      outgoing.destroy(error instanceof Error ? error : undefined);
    });
  });

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const rawBody = await readRawBody(incoming);
    const target = new URL(incoming.url ?? '/', baseUrl);
    const headers = headersOf(incoming);
    const request: FakeRequest = {
      method: (incoming.method ?? 'GET').toUpperCase(),
      path: target.pathname,
      params: {},
      query: firstValues(target.searchParams),
      searchParams: target.searchParams,
      headers,
      body: parseBody(rawBody, headers['content-type']),
      rawBody,
      url: target.toString(),
      receivedAt,
    };
    requests.push(request);

    const fault = takeFault();
    if (fault) {
      request.faulted = true;
      return send(outgoing, fault);
    }
    const found = findRoute(request);
    if (!found) {
      return send(outgoing, {
        status: 404,
        body: { error: 'not_found', message: `The ${vendor} fake has no route for ${request.method} ${request.path}` },
      });
    }
    request.params = found.params;
    let response: FakeResponse;
    try {
      response = await found.route.route.handler(request);
    } catch (error) {
      // A handler bug must show up in the test that hit it, not as a hung request.
      const message = error instanceof Error ? error.message : String(error);
      response = { status: 500, body: { error: 'fake_handler_failed', message: `The ${vendor} fake's handler threw: ${message}` } };
    }
    send(outgoing, response);
  }

  function takeFault(): FakeResponse | undefined {
    const next = faults[0];
    if (!next) return undefined;
    next.remaining -= 1;
    if (next.remaining <= 0) faults.shift();
    return next.fault;
  }

  function findRoute(request: FakeRequest): { route: CompiledRoute; params: Record<string, string> } | undefined {
    for (const route of routes) {
      if (route.method !== '*' && route.method !== request.method) continue;
      const params = route.match(request.path);
      if (params) return { route, params };
    }
    return undefined;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    name: vendor,
    requests,
    failNext(fault) {
      const times = fault.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new Error(`${vendor} fake: failNext times must be a positive integer, got ${times}`);
      if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) {
        throw new Error(`${vendor} fake: failNext status must be an HTTP status, got ${fault.status}`);
      }
      faults.push({ fault, remaining: times });
    },
    clearFaults() {
      faults.length = 0;
    },
    requestsTo(method, path) {
      const wanted = method.toUpperCase();
      return requests.filter(
        (request) => request.method === wanted && (typeof path === 'string' ? request.path === path : path.test(request.path)),
      );
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps sockets alive for reuse; without this close() waits for them to time out.
        server.closeAllConnections();
      });
    },
  };
}

function send(outgoing: ServerResponse, response: FakeResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  let payload: Buffer | string | undefined;
  if (response.body === undefined || response.body === null) {
    payload = undefined;
  } else if (Buffer.isBuffer(response.body)) {
    payload = response.body;
    if (!hasContentType) headers['content-type'] = 'application/octet-stream';
  } else if (typeof response.body === 'string') {
    payload = response.body;
    if (!hasContentType) headers['content-type'] = 'text/plain; charset=utf-8';
  } else {
    payload = JSON.stringify(response.body);
    if (!hasContentType) headers['content-type'] = 'application/json; charset=utf-8';
  }
  outgoing.writeHead(response.status, headers);
  outgoing.end(payload);
}

function headersOf(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function firstValues(searchParams: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of searchParams) if (!(key in query)) query[key] = value;
  return query;
}
