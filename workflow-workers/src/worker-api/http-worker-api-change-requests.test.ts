import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChangeNotificationsResponse } from '@tripline/playbook';
import { HttpWorkerApi } from './http-worker-api';

/** A stand-in for /internal/change-requests/:id/* that records each request and answers by path. */
async function startChangeRequestEndpoints(answers: Record<string, unknown>) {
  const received: { url: string; authorization?: string; body: unknown }[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ url: request.url ?? '', authorization: request.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    const answer = answers[(request.url ?? '').split('/').at(-1)!];
    response.writeHead(answer === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer ?? { message: 'not found' }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { api: new HttpWorkerApi({ baseUrl: url, token: 'internal-secret' }), received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const notifications: ChangeNotificationsResponse = {
  status: 'ok',
  connection: 'default-email',
  messages: [{ key: 'change:cr/1:1:0:opened:0:u-ann', userId: 'u-ann', to: 'ann@acme.test', subject: 'Approve', text: 'Link', html: '<p>Link</p>' }],
};
const level = { workspaceId: 'ws-1', attempt: 1, level: 0 };

describe('HttpWorkerApi: the changeApproval endpoints', () => {
  it('posts notifications, escalation and expiry to the request (id encoded in the path) and returns the answers', async () => {
    const endpoints = await startChangeRequestEndpoints({ notifications, escalate: { status: 'escalated' }, expire: { status: 'stale' } });
    try {
      const opened = { ...level, reason: 'opened' as const, sequence: 0 };
      await expect(endpoints.api.changeNotifications('cr/1', opened)).resolves.toEqual(notifications);
      await expect(endpoints.api.escalateChangeLevel('cr/1', level)).resolves.toEqual({ status: 'escalated' });
      await expect(endpoints.api.expireChangeLevel('cr/1', level)).resolves.toEqual({ status: 'stale' });
      expect(endpoints.received).toEqual([
        { url: '/internal/change-requests/cr%2F1/notifications', authorization: 'Bearer internal-secret', body: opened },
        { url: '/internal/change-requests/cr%2F1/escalate', authorization: 'Bearer internal-secret', body: level },
        { url: '/internal/change-requests/cr%2F1/expire', authorization: 'Bearer internal-secret', body: level },
      ]);
    } finally {
      await endpoints.close();
    }
  });

  it('refuses a malformed answer as a permanent error naming the path; a 404 is not retried', async () => {
    const endpoints = await startChangeRequestEndpoints({ notifications: { status: 'ok', messages: [] }, escalate: { status: 'done' } });
    try {
      await expect(endpoints.api.changeNotifications('cr-2', { ...level, reason: 'reminder', sequence: 1 })).rejects.toMatchObject({
        retryable: false,
        message: expect.stringContaining('POST /internal/change-requests/cr-2/notifications returned'),
      });
      await expect(endpoints.api.escalateChangeLevel('cr-2', level)).rejects.toMatchObject({ retryable: false });
      await expect(endpoints.api.expireChangeLevel('cr-2', level)).rejects.toMatchObject({ retryable: false, status: 404 });
    } finally {
      await endpoints.close();
    }
  });
});
