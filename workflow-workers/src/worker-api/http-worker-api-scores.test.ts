import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpWorkerApi } from './http-worker-api';
import type { AdjustScoreRequest } from './score-types';

/** A stand-in for POST /internal/scores/adjust that records the request and answers `answer`. */
async function startScoresEndpoint(answer: unknown) {
  const received: { url: string; authorization?: string; body: unknown }[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ url: request.url ?? '', authorization: request.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const request: AdjustScoreRequest = {
  workspaceId: 'ws-1',
  runId: 'run-1',
  workflowId: 'tripline:ws-1:enroll',
  stepId: 'bump',
  visit: 2,
  key: 'tripline:ws-1:enroll:bump:2',
  subject: { kind: 'person', id: 'p-1' },
  model: 'lead',
  adjust: 10,
};

describe('HttpWorkerApi.adjustScore', () => {
  it('posts the score step to /internal/scores/adjust and returns the score and tier', async () => {
    const endpoint = await startScoresEndpoint({ score: 42.5, tier: 'Medium' });
    try {
      const api = new HttpWorkerApi({ baseUrl: endpoint.url, token: 'internal-secret' });
      await expect(api.adjustScore(request)).resolves.toEqual({ score: 42.5, tier: 'Medium' });
      expect(endpoint.received).toEqual([{ url: '/internal/scores/adjust', authorization: 'Bearer internal-secret', body: request }]);
    } finally {
      await endpoint.close();
    }
  });

  it('refuses a malformed answer as a permanent error', async () => {
    const endpoint = await startScoresEndpoint({ score: 'high' });
    try {
      const api = new HttpWorkerApi({ baseUrl: endpoint.url, token: 'internal-secret' });
      await expect(api.adjustScore(request)).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('POST /internal/scores/adjust returned') });
    } finally {
      await endpoint.close();
    }
  });
});
