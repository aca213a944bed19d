import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  body: unknown;
  /** Date.now() when the server received it: the rate-limit tests measure these. */
  at: number;
}

/**
 * A small vendor API for tests: POST /tasks {title} creates a task, DELETE /tasks/:id deletes it
 * (404 when it is gone). Behaviour a test sets: titles starting "fail" are refused (422), deleting a
 * task in `refuseDelete` answers 409, and `rateLimited` answers the next N requests 429 with
 * Retry-After.
 */
export async function startTaskServer() {
  const tasks = new Map<string, { title: string }>();
  const requests: ReceivedRequest[] = [];
  const refuseDelete = new Set<string>();
  let nextId = 1;
  let rateLimited = { remaining: 0, retryAfterSeconds: 0 };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : undefined;
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, body, at: Date.now() });
    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    if (rateLimited.remaining > 0) {
      rateLimited.remaining -= 1;
      return reply(429, { error: 'slow down' }, { 'retry-after': String(rateLimited.retryAfterSeconds) });
    }
    if (req.method === 'POST' && path === '/tasks') {
      const title = String(body?.title ?? '');
      if (title.startsWith('fail')) return reply(422, { error: `cannot create '${title}'` });
      const id = `t${nextId++}`;
      tasks.set(id, { title });
      return reply(201, { id, title });
    }
    const match = /^\/tasks\/([^/]+)$/.exec(path);
    if (req.method === 'DELETE' && match) {
      const task = tasks.get(match[1]!);
      if (!task) return reply(404, { error: 'no such task' });
      if (refuseDelete.has(task.title)) return reply(409, { error: `task '${task.title}' is locked` });
      tasks.delete(match[1]!);
      return reply(204);
    }
    return reply(404, { error: `no route ${req.method} ${path}` });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tasks,
    requests,
    refuseDelete,
    rateLimitNext(count: number, retryAfterSeconds: number) {
      rateLimited = { remaining: count, retryAfterSeconds };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TaskServer = Awaited<ReturnType<typeof startTaskServer>>;
