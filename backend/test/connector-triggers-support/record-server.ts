import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface VendorRecord {
  id: string;
  /** ISO 8601 */
  at: string;
  userId: string;
  event: string;
}

/**
 * A tiny vendor for the test connector: `GET /records?since=<iso>&skip=<ids>&limit=<n>` answers the
 * records at or after `since` (inclusive), minus the ids in `skip`, oldest first, a page of `limit`,
 * with `more` when there are others; `GET /me` checks the bearer token. Every request is logged.
 */
export async function startRecordServer(token: string) {
  const records: VendorRecord[] = [];
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${token}`) return send(401, { error: 'invalid token' });
    if (url.pathname === '/me') return send(200, { ok: true });
    if (url.pathname !== '/records') return send(404, { error: 'not found' });
    const since = url.searchParams.get('since');
    const skip = new Set((url.searchParams.get('skip') ?? '').split(',').filter(Boolean));
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const matching = records
      .filter((r) => (since ? Date.parse(r.at) >= Date.parse(since) : true) && !skip.has(r.id))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id));
    return send(200, { records: matching.slice(0, limit), more: matching.length > limit });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    records,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
