import { safeFetch, type SafeFetchOptions, type SafeFetchResponse } from '../network/safe-fetch';
import { IDEMPOTENCY_KEY_HEADER, signatureHeaders } from '../signature/tripline-signature';
import type { WebhookConnection } from '../connection/webhook-connection';
import { WEBHOOK_CONNECTOR_VERSION } from '../version';

export interface Delivery {
  url: string;
  method: 'POST' | 'PUT';
  /** The exact bytes sent and signed. */
  body: Buffer;
  /** Extra headers from the step (already checked not to clash with ours). */
  headers?: Record<string, string>;
  idempotencyKey?: string;
}

export interface DeliveryResult extends SafeFetchResponse {
  /** ISO time the signature was made (its timestamp). */
  signedAt: string;
}

/**
 * Signs and sends one delivery through the SSRF-guarded client. Signed at send time, so a retry
 * carries a fresh timestamp that the receiver's tolerance accepts; the Idempotency-Key stays the
 * same across retries so the receiver can drop the repeat.
 */
export async function deliver(
  connection: WebhookConnection,
  delivery: Delivery,
  options: { signal?: AbortSignal } & Pick<SafeFetchOptions, 'resolve' | 'addressPolicy'> = {},
): Promise<DeliveryResult> {
  const now = Date.now();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': `Tripline-Webhook/${WEBHOOK_CONNECTOR_VERSION}`,
    ...delivery.headers,
    ...signatureHeaders(connection.secret, delivery.body, now),
    ...(delivery.idempotencyKey ? { [IDEMPOTENCY_KEY_HEADER]: delivery.idempotencyKey } : {}),
  };
  const response = await safeFetch(
    { url: delivery.url, method: delivery.method, headers, body: delivery.body },
    { allowPrivateNetworks: connection.allowPrivateNetworks, timeoutMs: connection.timeoutMs, ...options },
  );
  return { ...response, signedAt: new Date(Math.floor(now / 1000) * 1000).toISOString() };
}
