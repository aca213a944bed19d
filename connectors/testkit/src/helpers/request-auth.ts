import type { FakeRequest } from '../fake-server/fake-types';

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), or undefined. */
export function bearerToken(request: Pick<FakeRequest, 'headers'>): string | undefined {
  const found = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return found?.[1];
}

/** The credentials of an `Authorization: Basic <base64>` header, or undefined when absent or malformed. */
export function basicAuth(request: Pick<FakeRequest, 'headers'>): { username: string; password: string } | undefined {
  const found = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!found) return undefined;
  const decoded = Buffer.from(found[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
