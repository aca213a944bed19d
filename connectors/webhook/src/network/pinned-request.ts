import { request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './resolve-checked-address';

export interface PinnedRequest {
  url: URL;
  /** The checked address to connect to; the URL's host name still goes into Host and TLS SNI. */
  address: ResolvedAddress;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  signal: AbortSignal;
  /** Read at most this many bytes of the answer (a receiver may answer with a lot). */
  maxBodyBytes: number;
}

export interface PinnedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The first `maxBodyBytes` of the body. */
  body: Buffer;
}

/**
 * One HTTP exchange with the socket pinned to an address checked beforehand: the `lookup` hook
 * answers every name lookup of this request with that address, so Node never resolves the host
 * again (no DNS rebind between check and connect), while the Host header and TLS certificate
 * check still use the host name. No connection pooling: a pooled socket could outlive its check.
 */
export function pinnedRequest(request: PinnedRequest): Promise<PinnedResponse> {
  const { url, address } = request;
  const pinnedLookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) {
      (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [address]);
    } else {
      callback(null, address.address, address.family);
    }
  };
  const options: RequestOptions = {
    method: request.method,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    headers: { ...request.headers, ...(request.body ? { 'content-length': String(request.body.length) } : {}) },
    lookup: pinnedLookup,
    agent: false,
    signal: request.signal,
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;

  return new Promise<PinnedResponse>((resolve, reject) => {
    const outgoing = send(options, (incoming) => {
      const chunks: Buffer[] = [];
      let received = 0;
      const finish = () =>
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks).subarray(0, request.maxBodyBytes) });
      incoming.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (received >= request.maxBodyBytes) {
          // Enough to report on; drop the rest instead of buffering an unbounded answer.
          incoming.destroy();
          finish();
        }
      });
      incoming.on('end', finish);
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
