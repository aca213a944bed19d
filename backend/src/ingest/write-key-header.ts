/**
 * The write key from `Authorization: Basic base64(<writeKey>:)`, as Segment's libraries send it.
 * A key encoded without the colon is accepted too (older clients). Anything else yields null.
 */
export function writeKeyFromAuthorization(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const key = colon === -1 ? decoded : decoded.slice(0, colon);
  return key === '' ? null : key;
}
