import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookVerification } from '@tripline/connector-sdk';

/** HubSpot: "Reject the request if the timestamp is older than 5 minutes." */
export const SIGNATURE_MAX_AGE_MS = 5 * 60 * 1000;

// The percent-encodings HubSpot's request-validation page says to decode in the URI before signing
// (everything else stays as sent).
const DECODED: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

/** The URI as HubSpot signs it: the full URL called, with the characters above decoded. */
export function signedUri(url: string): string {
  return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (encoded) => DECODED[encoded.toUpperCase()]!);
}

/**
 * `X-HubSpot-Signature-v3`: base64 of HMAC-SHA256, keyed with the app secret, over
 * method + URI + body + timestamp (the body as the exact bytes received).
 */
export function signatureV3(args: { secret: string; method: string; url: string; rawBody: Buffer | string; timestamp: string }): string {
  return createHmac('sha256', args.secret)
    .update(`${args.method.toUpperCase()}${signedUri(args.url)}`, 'utf8')
    .update(typeof args.rawBody === 'string' ? Buffer.from(args.rawBody, 'utf8') : args.rawBody)
    .update(args.timestamp, 'utf8')
    .digest('base64');
}

/**
 * Checks a webhook request's v3 signature and its timestamp (epoch ms, at most 5 minutes old; also
 * refused when more than 5 minutes ahead, which no honest clock produces). Never throws.
 */
export function verifySignatureV3(args: {
  secret: string | undefined;
  method: string;
  url: string;
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  now: number;
}): WebhookVerification {
  if (!args.secret) return { ok: false, status: 401, message: 'The HubSpot connection has no app secret to verify webhook signatures with' };
  if (!args.signature) return { ok: false, status: 401, message: 'Missing X-HubSpot-Signature-v3 header' };
  if (!args.timestamp) return { ok: false, status: 401, message: 'Missing X-HubSpot-Request-Timestamp header' };
  if (!/^\d{1,16}$/.test(args.timestamp)) return { ok: false, status: 401, message: 'X-HubSpot-Request-Timestamp is not epoch milliseconds' };
  const age = args.now - Number(args.timestamp);
  if (age > SIGNATURE_MAX_AGE_MS) return { ok: false, status: 401, message: `The request is ${Math.round(age / 1000)} s old (HubSpot signatures are valid for 5 minutes)` };
  if (-age > SIGNATURE_MAX_AGE_MS) return { ok: false, status: 401, message: 'X-HubSpot-Request-Timestamp is more than 5 minutes in the future' };
  const expected = Buffer.from(signatureV3({ secret: args.secret, method: args.method, url: args.url, rawBody: args.rawBody, timestamp: args.timestamp }), 'utf8');
  const given = Buffer.from(args.signature.trim(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, status: 401, message: 'X-HubSpot-Signature-v3 does not match the request' };
  }
  return { ok: true };
}
