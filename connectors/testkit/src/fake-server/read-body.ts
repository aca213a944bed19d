import type { IncomingMessage } from 'node:http';

export async function readRawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The body as a handler wants it: JSON parsed (by content type, or by shape when none is given),
 * form-encoded fields as an object (Salesforce's OAuth token endpoint takes those). Undefined for an
 * empty body, other media types, or JSON that does not parse (the raw bytes are still there).
 */
export function parseBody(rawBody: Buffer, contentType: string | undefined): unknown {
  if (rawBody.length === 0) return undefined;
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const text = rawBody.toString('utf8');
  if (mediaType === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  const looksJson = mediaType === 'application/json' || mediaType.endsWith('+json');
  const untyped = mediaType === '' || mediaType === 'text/plain';
  if (!looksJson && !(untyped && /^\s*[[{]/.test(text))) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
