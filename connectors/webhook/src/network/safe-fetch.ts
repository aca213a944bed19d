import { NonRetryableError, RetryableError } from '@tripline/connector-sdk';
import { pinnedRequest, type PinnedResponse } from './pinned-request';
import {
  anyAddress,
  publicAddressesOnly,
  resolveCheckedAddress,
  systemResolver,
  type AddressPolicy,
  type HostResolver,
} from './resolve-checked-address';

export const MAX_REDIRECTS = 5;
const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
// 303 means "GET something else": a delivery's body would be dropped, so it is an error, not a hop.
const FOLLOWED_REDIRECTS = new Set([301, 302, 307, 308]);
// Credentials a caller put in the headers are for the origin it named, not for one it is sent on to.
const CROSS_ORIGIN_DROPPED_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export interface SafeFetchRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface SafeFetchOptions {
  /** Off by default: private, loopback, link-local, unique-local, CGNAT and unspecified addresses are refused. */
  allowPrivateNetworks: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
  /** How host names are resolved (the system resolver unless a test gives its own). */
  resolve?: HostResolver;
  /** Overrides which addresses are refused (tests let one loopback fake stand in for a public host). */
  addressPolicy?: AddressPolicy;
  maxBodyBytes?: number;
}

export interface SafeFetchResponse extends PinnedResponse {
  /** The URL that gave the final answer (after redirects). */
  url: URL;
  redirects: number;
}

/**
 * Sends a request to a URL a person wrote without letting it reach internal addresses: the host is
 * resolved and every address checked before connecting, the socket is pinned to the checked
 * address, and redirects are followed by hand (at most five), each hop checked the same way.
 * 301/302/307/308 resend the same method and body (a signed delivery must arrive intact).
 */
export async function safeFetch(request: SafeFetchRequest, options: SafeFetchOptions): Promise<SafeFetchResponse> {
  const policy = options.addressPolicy ?? (options.allowPrivateNetworks ? anyAddress : publicAddressesOnly);
  const resolve = options.resolve ?? systemResolver;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  let url = parseHttpUrl(request.url);
  let headers = { ...request.headers };
  for (let redirects = 0; ; redirects += 1) {
    const address = await resolveCheckedAddress(url.hostname, policy, resolve);
    let response: PinnedResponse;
    try {
      response = await pinnedRequest({
        url,
        address,
        method: request.method,
        headers,
        body: request.body,
        signal,
        maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      });
    } catch (error) {
      if (timeout.aborted) {
        throw new RetryableError(`${request.method} ${url.host} did not answer within ${options.timeoutMs} ms`, { cause: error });
      }
      throw error;
    }
    const location = response.headers.location;
    if (!FOLLOWED_REDIRECTS.has(response.status) || !location) {
      if (response.status === 303) {
        throw new NonRetryableError(`${request.method} ${url.host} answered 303 See Other; a webhook delivery cannot follow it (update the URL)`);
      }
      return { ...response, url, redirects };
    }
    if (redirects >= MAX_REDIRECTS) {
      throw new NonRetryableError(`${request.method} ${url.host} redirected more than ${MAX_REDIRECTS} times`);
    }
    const next = parseHttpUrl(location, url);
    if (url.protocol === 'https:' && next.protocol === 'http:') {
      throw new NonRetryableError(`${request.method} ${url.host} redirected from https to plain http (${next.host}); refused`);
    }
    if (next.origin !== url.origin) headers = withoutHeaders(headers, CROSS_ORIGIN_DROPPED_HEADERS);
    url = next;
  }
}

/** An absolute http(s) URL, or a clear error naming what is wrong with it. */
export function parseHttpUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new NonRetryableError(base ? `The redirect location is not a URL` : `'${text}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NonRetryableError(`Only http and https URLs can be called, not ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.username || url.password) throw new NonRetryableError('A webhook URL may not carry a user name or password');
  return url;
}

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name.toLowerCase())));
}
