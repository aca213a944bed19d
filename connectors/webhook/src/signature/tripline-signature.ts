import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How Tripline signs an outbound webhook, and how a receiver checks it.
 *
 *   X-Tripline-Timestamp: <unix seconds when the request was sent>
 *   X-Tripline-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body bytes>")>
 *
 * The timestamp is inside the signed bytes, so a receiver that rejects old timestamps (five
 * minutes by default) cannot be fed a recorded request later. The signature header may carry
 * several comma-separated `v1=` values (while a secret is being rotated); one match is enough.
 */
export const TIMESTAMP_HEADER = 'X-Tripline-Timestamp';
export const SIGNATURE_HEADER = 'X-Tripline-Signature';
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const SIGNATURE_SCHEME = 'v1';
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The hex HMAC-SHA256 of `<timestamp>.<body>` with `secret`. */
export function computeTriplineSignature(secret: string, timestamp: string | number, body: string | Buffer): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.`)
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest('hex');
}

/** The two headers for a request sent at `nowMs`. */
export function signatureHeaders(secret: string, body: string | Buffer, nowMs: number): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: `${SIGNATURE_SCHEME}=${computeTriplineSignature(secret, timestamp, body)}`,
  };
}

export type SignatureVerification =
  | { ok: true }
  | {
      ok: false;
      reason: 'missing_timestamp' | 'malformed_timestamp' | 'stale_timestamp' | 'missing_signature' | 'signature_mismatch';
      message: string;
    };

/**
 * For receivers: checks a request's Tripline signature. `body` must be the exact bytes received
 * (not re-serialised JSON); `now` is epoch milliseconds (or a Date); timestamps further than
 * `toleranceSec` from `now`, in either direction, are refused. Compares in constant time.
 */
export function verifyTriplineSignature(
  secret: string,
  timestamp: string | number | null | undefined,
  body: string | Buffer,
  signature: string | null | undefined,
  now: number | Date = Date.now(),
  toleranceSec: number = DEFAULT_TOLERANCE_SECONDS,
): SignatureVerification {
  if (timestamp === undefined || timestamp === null || String(timestamp).trim() === '') {
    return { ok: false, reason: 'missing_timestamp', message: `The ${TIMESTAMP_HEADER} header is missing` };
  }
  const stamp = String(timestamp).trim();
  if (!/^\d{1,12}$/.test(stamp)) {
    return { ok: false, reason: 'malformed_timestamp', message: `The ${TIMESTAMP_HEADER} header is not unix seconds` };
  }
  const nowSeconds = (now instanceof Date ? now.getTime() : now) / 1000;
  if (Math.abs(nowSeconds - Number(stamp)) > toleranceSec) {
    return { ok: false, reason: 'stale_timestamp', message: `The timestamp is more than ${toleranceSec} s away from now` };
  }
  const candidates = (signature ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SIGNATURE_SCHEME}=`))
    .map((part) => part.slice(SIGNATURE_SCHEME.length + 1));
  if (candidates.length === 0) {
    return { ok: false, reason: 'missing_signature', message: `The ${SIGNATURE_HEADER} header has no ${SIGNATURE_SCHEME}= value` };
  }
  const expected = Buffer.from(computeTriplineSignature(secret, stamp, body), 'hex');
  const matches = candidates.some((candidate) => {
    if (!/^[0-9a-f]{64}$/i.test(candidate)) return false;
    return timingSafeEqual(Buffer.from(candidate, 'hex'), expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'signature_mismatch', message: 'The signature does not match the body' };
}
