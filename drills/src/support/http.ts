import { type ClientRequest, request as httpRequest } from 'node:http';

/** One HTTP exchange as the drills record it: status, parsed JSON body (when it is JSON) and raw text. */
export interface Exchange {
  status: number;
  text: string;
  json: unknown;
  /** Set when no HTTP answer came (connection refused or reset: the process may have died). */
  networkError?: string;
}

/**
 * One request over node:http (not fetch): a server may answer a body over its limit before it has read
 * all of it and close the connection; fetch then reports only the broken pipe, node:http the answer.
 */
export function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number }): Promise<Exchange> {
  const { method = 'GET', headers = {}, body, timeoutMs = 30_000 } = init;
  return new Promise((resolve) => {
    let settled = false;
    let status: number | undefined;
    const chunks: Buffer[] = [];
    const settle = (networkError?: string) => {
      if (settled) return;
      settled = true;
      if (status === undefined) {
        resolve({ status: 0, text: '', json: undefined, networkError: networkError ?? 'no answer' });
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      resolve({ status, text, json });
    };
    const request = httpRequest(url, { method, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) }, timeout: timeoutMs, agent: false }, (response) => {
      status = response.statusCode ?? 0;
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', () => settle());
      response.on('end', () => settle());
      response.on('close', () => settle());
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    // A broken pipe after the answer only means the server stopped reading the body (over its limit).
    request.on('error', (error: NodeJS.ErrnoException) => setTimeout(() => settle(error.code ?? error.message), 100));
    void writeBody(request, body, () => status !== undefined || settled);
  });
}

/** Writes the body in pieces, waiting for the socket, and stops once the server has answered. */
async function writeBody(request: ClientRequest, body: string | Buffer | undefined, answered: () => boolean): Promise<void> {
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  if (!bytes || bytes.length <= 256 * 1024) {
    request.end(bytes);
    return;
  }
  for (let offset = 0; offset < bytes.length; offset += 64 * 1024) {
    if (answered() || request.destroyed) return;
    if (!request.write(bytes.subarray(offset, offset + 64 * 1024))) {
      await new Promise<void>((resolve) => {
        const done = () => {
          request.off('drain', done);
          request.off('close', done);
          resolve();
        };
        request.on('drain', done);
        request.on('close', done);
      });
    }
  }
  request.end();
}

/** Runs `work` over `items` with at most `concurrency` in flight, in order of the list. */
export async function eachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}
