import { createHmac, timingSafeEqual } from 'node:crypto';

/** What Segment's webhook destination puts in `X-Signature`: hex HMAC-SHA1 of the raw body with the shared secret. */
export function segmentSignature(sharedSecret: string, rawBody: Buffer): string {
  return createHmac('sha1', sharedSecret).update(rawBody).digest('hex');
}

/** Constant-time check of an `X-Signature` header against the body's signature. */
export function hasValidSegmentSignature(sharedSecret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header || !/^[0-9a-fA-F]{40}$/.test(header.trim())) return false;
  const expected = Buffer.from(segmentSignature(sharedSecret, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(header.trim(), 'hex'));
}
