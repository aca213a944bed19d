import { createServer, type Server, type ServerResponse } from 'node:http';
import { renderMailboxPage } from './mailbox-page';
import type { MessageStore } from './message-store';

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, {
    'content-type': contentType,
    'cache-control': 'no-store',
    // The page has no scripts of its own; forbid any that might slip into a message.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'",
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** The mailbox over HTTP: the page at `/`, the messages as JSON under `/api/messages`. */
export function createHttpListener(store: MessageStore): Server {
  return createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const method = request.method ?? 'GET';

    if (path === '/api/messages') {
      if (method === 'GET') return sendJson(response, 200, store.list());
      if (method === 'DELETE') {
        store.clear().then(
          () => sendJson(response, 200, { deleted: true }),
          (error: Error) => sendJson(response, 500, { error: `Could not clear the mailbox: ${error.message}` }),
        );
        return;
      }
      return sendJson(response, 405, { error: `${method} is not supported on /api/messages (use GET or DELETE)` });
    }
    if (path === '/') {
      if (method === 'GET' || method === 'HEAD') {
        return send(response, 200, 'text/html; charset=utf-8', renderMailboxPage(store.list()));
      }
      return sendJson(response, 405, { error: `${method} is not supported on / (use GET)` });
    }
    return sendJson(response, 404, { error: `Not found: ${path}` });
  });
}
