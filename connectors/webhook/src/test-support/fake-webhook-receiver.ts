import { createFakeVendorServer, type FakeRequest, type FakeResponse, type FakeVendorServer } from '@tripline/connector-testkit';
import { setTimeout as delay } from 'node:timers/promises';
import { verifyTriplineSignature } from '../signature/tripline-signature';

/** How long `/slow` takes to answer (longer than the timeouts the tests set). */
export const SLOW_ANSWER_MS = 1500;

export interface ReceivedDelivery {
  path: string;
  method: string;
  idempotencyKey: string | undefined;
  body: unknown;
}

export interface FakeWebhookReceiver extends FakeVendorServer {
  /** Deliveries accepted (signature valid), repeats of an Idempotency-Key counted once. */
  deliveries: ReceivedDelivery[];
}

/**
 * A receiver that does what the docs ask of one: verifies X-Tripline-Signature over the raw bytes
 * with a 5-minute tolerance (401 otherwise), answers a repeated Idempotency-Key with the first
 * answer instead of acting twice, and answers 429 with Retry-After past `maxPerSecond`.
 * `/moved/*` redirects (307) to `/hooks/*`, `/loop` redirects to itself, `/redirect?to=<url>`
 * redirects (302) to any URL `/see-other` answers 303 and `/slow` answers after SLOW_ANSWER_MS.
 */
export async function startFakeWebhookReceiver(options: { secret: string; maxPerSecond?: number }): Promise<FakeWebhookReceiver> {
  const deliveries: ReceivedDelivery[] = [];
  const answered = new Map<string, FakeResponse>();
  const recent: number[] = [];
  const maxPerSecond = options.maxPerSecond ?? 50;

  const receive = (request: FakeRequest): FakeResponse => {
    const verification = verifyTriplineSignature(
      options.secret,
      request.headers['x-tripline-timestamp'],
      request.rawBody,
      request.headers['x-tripline-signature'],
      request.receivedAt,
    );
    if (!verification.ok) return { status: 401, body: { error: verification.reason, message: verification.message } };

    const now = request.receivedAt;
    while (recent.length > 0 && recent[0]! <= now - 1000) recent.shift();
    if (recent.length >= maxPerSecond) return { status: 429, headers: { 'Retry-After': '1' }, body: { error: 'rate_limited' } };
    recent.push(now);

    const key = request.headers['idempotency-key'];
    const earlier = key ? answered.get(key) : undefined;
    if (earlier) return { ...earlier, headers: { ...earlier.headers, 'Idempotent-Replayed': 'true' } };
    deliveries.push({ path: request.path, method: request.method, idempotencyKey: key, body: request.body });
    const response: FakeResponse = { status: 200, body: { received: true, delivery: deliveries.length } };
    if (key) answered.set(key, response);
    return response;
  };

  const server = await createFakeVendorServer({
    name: 'webhook-receiver',
    routes: [
      { method: '*', path: /\/moved\/(?<rest>.*)/, handler: (request) => ({ status: 307, headers: { Location: `/hooks/${request.params.rest}` } }) },
      { method: '*', path: '/loop', handler: () => ({ status: 307, headers: { Location: '/loop' } }) },
      { method: '*', path: '/redirect', handler: (request) => ({ status: 302, headers: { Location: request.query.to ?? '/hooks/redirected' } }) },
      { method: '*', path: '/slow', handler: async () => (await delay(SLOW_ANSWER_MS), { status: 200, body: { late: true } }) },
      { method: '*', path: '/see-other', handler: () => ({ status: 303, headers: { Location: '/hooks/elsewhere' } }) },
      { method: 'POST', path: /\/hooks(\/.*)?/, handler: receive },
      { method: 'PUT', path: /\/hooks(\/.*)?/, handler: receive },
    ],
  });
  return Object.assign(server, { deliveries });
}
