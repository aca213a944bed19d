import { InvalidInputError, defineAction } from '@tripline/connector-sdk';
import { z } from 'zod';
import { webhookAuth } from '../connection/webhook-auth';
import { parseHttpUrl } from '../network/safe-fetch';
import { IDEMPOTENCY_KEY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../signature/tripline-signature';
import { deliver } from './deliver';
import { bodyExcerpt, errorForResponse } from './response-error';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Ours (the signature and idempotency scheme), or the transport's: a step may not set these.
const RESERVED_HEADERS = new Set(
  [
    IDEMPOTENCY_KEY_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    'host',
    'content-length',
    'content-type',
    'transfer-encoding',
    'connection',
    'keep-alive',
    'upgrade',
    'te',
    'trailer',
    'expect',
  ].map((name) => name.toLowerCase()),
);

const extraHeaders = z
  .record(z.string(), z.string())
  .default({})
  .superRefine((headers, context) => {
    for (const [name, value] of Object.entries(headers)) {
      if (!HEADER_NAME.test(name)) {
        context.addIssue({ code: 'custom', path: [name], message: `'${name}' is not a valid header name` });
      } else if (RESERVED_HEADERS.has(name.toLowerCase()) || name.toLowerCase().startsWith('proxy-')) {
        context.addIssue({ code: 'custom', path: [name], message: `The header '${name}' is set by Tripline and cannot be overridden` });
      }
      if (/[\r\n\0]/.test(value)) {
        context.addIssue({ code: 'custom', path: [name], message: `The value of header '${name}' contains a line break` });
      }
    }
  });

export const sendWebhookInput = z.object({
  /** Another path on the connection's receiver; the connection's URL when left out. */
  url: z.url({ protocol: /^https?$/, error: 'Give an http:// or https:// URL' }).optional(),
  method: z.enum(['POST', 'PUT']).default('POST'),
  /** Sent as JSON, exactly as signed. */
  body: z.json().default({}),
  headers: extraHeaders,
});

export const sendWebhookOutput = z.object({
  /** The receiver's HTTP status (2xx). */
  status: z.number().int(),
  /** The URL that answered, after redirects (without its query string). */
  url: z.string(),
  redirects: z.number().int().min(0),
  /** The first 500 characters of the receiver's answer. */
  bodyExcerpt: z.string(),
  /** When the request was signed (its X-Tripline-Timestamp), ISO 8601. */
  signedAt: z.string(),
});

export type SendWebhookInput = z.output<typeof sendWebhookInput>;
export type SendWebhookOutput = z.output<typeof sendWebhookOutput>;

export const sendWebhookAction = defineAction({
  auth: webhookAuth,
  name: 'send',
  displayName: 'Send webhook',
  description:
    'Sends a JSON body to the connection’s receiver, signed with HMAC-SHA256 (X-Tripline-Signature) and carrying the step’s Idempotency-Key.',
  effect: 'write',
  // A delivered request cannot be called back; the receiver can drop a repeat by its Idempotency-Key.
  irreversible: true,
  input: sendWebhookInput,
  output: sendWebhookOutput,
  async run({ auth: connection, input, idempotencyKey, signal }) {
    const url = targetUrl(connection.url, input.url);
    const result = await deliver(
      connection,
      { url, method: input.method, body: Buffer.from(JSON.stringify(input.body)), headers: input.headers, idempotencyKey },
      { signal },
    );
    const error = errorForResponse(result, input.method);
    if (error) throw error;
    return {
      status: result.status,
      url: `${result.url.origin}${result.url.pathname}`,
      redirects: result.redirects,
      bodyExcerpt: bodyExcerpt(result),
      signedAt: result.signedAt,
    };
  },
});

/** The step's URL, which must be on the connection's origin (scheme, host and port). */
function targetUrl(connectionUrl: string, stepUrl: string | undefined): string {
  if (!stepUrl) return connectionUrl;
  const receiver = parseHttpUrl(connectionUrl);
  const target = parseHttpUrl(stepUrl);
  if (target.origin !== receiver.origin) {
    const message = `url: must be on the connection's receiver ${receiver.origin}, not ${target.origin}`;
    throw new InvalidInputError(`Invalid input for action 'send': ${message}`, [{ field: 'url', message }]);
  }
  return target.toString();
}
