import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'deliverThenDrop' | 'dropBeforeDelivery';

/**
 * Sits between the worker and the API and, for the next POSTs to /internal/trigger-items, plays a
 * worker dying mid-delivery: `deliverThenDrop` forwards the request but cuts the connection before
 * the answer (the items landed, the worker never heard), `dropBeforeDelivery` cuts it without
 * forwarding (the poll's items are lost with the worker). Everything else passes through.
 */
export async function startFlakyApiProxy(target: string) {
  const faults: Fault[] = [];
  const seen: { path: string; fault: Fault | null }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const fault = request.method === 'POST' && request.url === '/internal/trigger-items' ? (faults.shift() ?? null) : null;
      seen.push({ path: request.url ?? '', fault });
      if (fault === 'dropBeforeDelivery') {
        request.socket.destroy();
        return;
      }
      const upstream = http.request(`${target}${request.url}`, { method: request.method, headers: request.headers }, (answer) => {
        const answerChunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
        answer.on('end', () => {
          if (fault === 'deliverThenDrop') {
            request.socket.destroy();
            return;
          }
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          response.end(Buffer.concat(answerChunks));
        });
      });
      upstream.on('error', () => request.socket.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    failNextDeliveries(...next: Fault[]) {
      faults.push(...next);
    },
    seen,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
