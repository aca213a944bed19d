import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunEvent } from '@tripline/playbook';
import { HttpWorkerApi } from './http-worker-api';
import { WorkerApiError } from './worker-api';

interface Received {
  method: string;
  url: string;
  authorization?: string;
  body: unknown;
}

/** A stand-in for the backend's /internal/* endpoints that records requests and answers as told. */
async function startBackend(answer: (request: Received) => { status: number; body?: unknown }) {
  const received: Received[] = [];
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const entry = {
      method: request.method ?? '',
      url: request.url ?? '',
      authorization: request.headers.authorization,
      body: text ? JSON.parse(text) : undefined,
    };
    received.push(entry);
    const { status, body } = answer(entry);
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const event: RunEvent = { type: 'run', runId: 'run/1', workspaceId: 'ws-1', status: 'running', at: '2025-01-01T00:00:00.000Z' };

describe('HttpWorkerApi', () => {
  it('calls the /internal endpoints with the bearer token', async () => {
    const backend = await startBackend(({ url }) => {
      if (url.startsWith('/internal/workspaces/')) {
        return { status: 200, body: { id: 'c1', connector: 'email', config: { host: 'smtp.test', password: 'pw' } } };
      }
      if (url === '/internal/ledger/claim') return { status: 200, body: { state: 'completed', result: { messageId: 'm' } } };
      return { status: 204 };
    });
    try {
      const api = new HttpWorkerApi({ baseUrl: backend.url, token: 'internal-secret' });
      await api.postRunEvent(event);
      await expect(api.getConnection('ws-1', 'smtp dev')).resolves.toEqual({
        id: 'c1',
        connector: 'email',
        config: { host: 'smtp.test', password: 'pw' },
      });
      await expect(api.claimLedger({ workspaceId: 'ws-1', key: 'k' })).resolves.toEqual({
        state: 'completed',
        result: { messageId: 'm' },
      });
      await api.completeLedger({ workspaceId: 'ws-1', key: 'k', result: { messageId: 'm' } });

      expect(backend.received.map(({ method, url }) => `${method} ${url}`)).toEqual([
        'POST /internal/runs/run%2F1/events',
        'GET /internal/workspaces/ws-1/connections/smtp%20dev',
        'POST /internal/ledger/claim',
        'POST /internal/ledger/complete',
      ]);
      expect(backend.received.every((request) => request.authorization === 'Bearer internal-secret')).toBe(true);
      expect(backend.received[0]!.body).toEqual(event);
      expect(backend.received[3]!.body).toEqual({ workspaceId: 'ws-1', key: 'k', result: { messageId: 'm' } });
    } finally {
      await backend.close();
    }
  });

  it('reports the status and body of a failed call; 5xx is retryable, 4xx is not', async () => {
    const backend = await startBackend(({ url }) =>
      url.includes('/runs/') ? { status: 503, body: { message: 'database is busy' } } : { status: 404, body: { message: 'no such connection' } },
    );
    try {
      const api = new HttpWorkerApi({ baseUrl: backend.url, token: 't' });
      const posting = api.postRunEvent(event);
      await expect(posting).rejects.toThrow(/POST \/internal\/runs\/run%2F1\/events answered 503 Service Unavailable: .*database is busy/);
      await expect(posting).rejects.toMatchObject({ status: 503, retryable: true });

      const getting = api.getConnection('ws-1', 'nope');
      await expect(getting).rejects.toThrow(/answered 404 Not Found: .*no such connection/);
      await expect(getting).rejects.toMatchObject({ status: 404, retryable: false });
    } finally {
      await backend.close();
    }
  });

  it('refuses a malformed answer without echoing a connection config', async () => {
    const backend = await startBackend(({ url }) =>
      url.includes('/connections/') ? { status: 200, body: { id: 'c1', config: { password: 'hunter2' } } } : { status: 200, body: { state: 'maybe' } },
    );
    try {
      const api = new HttpWorkerApi({ baseUrl: backend.url, token: 't' });
      const getting = api.getConnection('ws-1', 'c1');
      await expect(getting).rejects.toThrow('returned a malformed connection');
      await expect(getting).rejects.not.toThrow(/hunter2/);
      await expect(api.claimLedger({ workspaceId: 'ws-1', key: 'k' })).rejects.toThrow(/expected \{ state: 'claimed' \| 'completed' \}/);
    } finally {
      await backend.close();
    }
  });

  it('treats an unreachable API as retryable', async () => {
    const backend = await startBackend(() => ({ status: 200 }));
    await backend.close();
    const api = new HttpWorkerApi({ baseUrl: backend.url, token: 't' });
    const posting = api.postRunEvent(event);
    await expect(posting).rejects.toBeInstanceOf(WorkerApiError);
    await expect(posting).rejects.toThrow(/the API is not reachable \(ECONNREFUSED\)/);
    await expect(posting).rejects.toMatchObject({ retryable: true, status: undefined });
  });

  it('needs a token', () => {
    expect(() => new HttpWorkerApi({ baseUrl: 'http://127.0.0.1:3000', token: '' })).toThrow('TRIPLINE_INTERNAL_TOKEN');
  });
});
