import { AuthError, InvalidInputError, NonRetryableError, RateLimitedError, RetryableError, parseActionInput } from '@tripline/connector-sdk';
import { webhookAuth } from '../connection/webhook-auth';
import { webhookConnectionSchema, type WebhookConnection } from '../connection/webhook-connection';
import { BlockedAddressError } from '../network/resolve-checked-address';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from '../test-support/fake-webhook-receiver';
import { verifyTriplineSignature } from '../signature/tripline-signature';
import { sendWebhookAction } from './send-webhook.action';

const SECRET = 'receiver-shared-secret-abcdef';
let receiver: FakeWebhookReceiver;

beforeAll(async () => {
  receiver = await startFakeWebhookReceiver({ secret: SECRET });
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.deliveries.length = 0;
  receiver.clearFaults();
});

function connection(overrides: Partial<WebhookConnection> = {}): WebhookConnection {
  return webhookConnectionSchema.parse({ url: `${receiver.url}/hooks/tripline`, secret: SECRET, allowPrivateNetworks: true, ...overrides });
}

let step = 0;
// A fresh key per call unless a test means to repeat one: the receiver drops a key it has seen.
function send(input: unknown, auth: WebhookConnection = connection(), idempotencyKey = `wf-1:step-${(step += 1)}`) {
  return sendWebhookAction.run({ auth, input: parseActionInput(sendWebhookAction, input), idempotencyKey });
}

describe('send', () => {
  it('delivers the JSON body signed over "<timestamp>.<body>", with the Idempotency-Key', async () => {
    const output = await send({ body: { account: 'acme', tier: 'High', score: 82 }, headers: { 'X-Playbook': 'pql-handoff' } });
    expect(output).toMatchObject({ status: 200, url: `${receiver.url}/hooks/tripline`, redirects: 0 });
    expect(JSON.parse(output.bodyExcerpt)).toEqual({ received: true, delivery: 1 });

    const [request] = receiver.requests;
    expect(request!.rawBody.toString()).toBe('{"account":"acme","tier":"High","score":82}');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['idempotency-key']).toMatch(/^wf-1:step-\d+$/);
    expect(request!.headers['x-playbook']).toBe('pql-handoff');
    expect(request!.headers['x-tripline-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(Number(request!.headers['x-tripline-timestamp']) * 1000).toBe(Date.parse(output.signedAt));
    expect(
      verifyTriplineSignature(SECRET, request!.headers['x-tripline-timestamp'], request!.rawBody, request!.headers['x-tripline-signature'], Date.now()),
    ).toEqual({ ok: true });
  });

  it('sends PUT to another path of the same receiver', async () => {
    const output = await send({ method: 'PUT', url: `${receiver.url}/hooks/accounts/acme`, body: [1, 2] });
    expect(output.url).toBe(`${receiver.url}/hooks/accounts/acme`);
    expect(receiver.deliveries).toEqual([expect.objectContaining({ method: 'PUT', path: '/hooks/accounts/acme', body: [1, 2] })]);
  });

  it('lets the receiver drop a retry of the same step by its Idempotency-Key', async () => {
    await send({ body: { n: 1 } }, connection(), 'wf-2:step-1');
    await send({ body: { n: 1 } }, connection(), 'wf-2:step-1');
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('refuses a URL on another origin than the connection’s receiver', async () => {
    const attempt = send({ url: 'https://elsewhere.example/hooks', body: {} });
    await expect(attempt).rejects.toThrow(InvalidInputError);
    await expect(send({ url: 'https://elsewhere.example/hooks', body: {} })).rejects.toThrow(
      "url: must be on the connection's receiver",
    );
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses headers Tripline sets, and malformed ones, naming them', () => {
    expect(() => parseActionInput(sendWebhookAction, { headers: { 'X-Tripline-Signature': 'v1=forged' } })).toThrow(
      "headers.X-Tripline-Signature: The header 'X-Tripline-Signature' is set by Tripline",
    );
    expect(() => parseActionInput(sendWebhookAction, { headers: { 'idempotency-key': 'x' } })).toThrow('is set by Tripline');
    expect(() => parseActionInput(sendWebhookAction, { headers: { 'Bad Header': 'x' } })).toThrow("'Bad Header' is not a valid header name");
    expect(() => parseActionInput(sendWebhookAction, { headers: { 'X-Ok': 'a\r\nX-Injected: 1' } })).toThrow('contains a line break');
    expect(() => parseActionInput(sendWebhookAction, { method: 'DELETE' })).toThrow('method');
  });
});

describe('send: private networks are blocked by default', () => {
  const port = () => new URL(receiver.url).port;
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private address (10/8)'],
    ['169.254.169.254', 'link-local'],
    ['[::1]', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback address, inside an IPv6 address'],
    ['[fd00::1]', 'unique-local'],
    ['localhost', 'loopback'],
  ])('refuses a receiver at %s', async (host, reason) => {
    const auth = connection({ url: `http://${host}:${port()}/hooks/tripline`, allowPrivateNetworks: false });
    const attempt = send({ body: {} }, auth);
    await expect(attempt).rejects.toThrow(BlockedAddressError);
    await expect(send({ body: {} }, auth)).rejects.toThrow(reason);
    expect(receiver.requests).toHaveLength(0);
  });

  it('defaults allowPrivateNetworks to false', () => {
    expect(webhookConnectionSchema.parse({ url: 'https://hooks.example.com/x', secret: SECRET }).allowPrivateNetworks).toBe(false);
  });
});

describe('send: answers map to the error taxonomy', () => {
  it('429 → rate limited after Retry-After', async () => {
    receiver.failNext({ status: 429, headers: { 'Retry-After': '7' }, body: 'slow down' });
    const error = await send({ body: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7000);
  });

  it('the receiver’s own limit answers 429 too', async () => {
    const strict = await startFakeWebhookReceiver({ secret: SECRET, maxPerSecond: 2 });
    try {
      const auth = connection({ url: `${strict.url}/hooks/tripline` });
      const results = await Promise.allSettled([1, 2, 3, 4].map((n) => send({ body: { n } }, auth, `burst-${n}`)));
      const limited = results.filter((result) => result.status === 'rejected' && result.reason instanceof RateLimitedError);
      expect(limited.length).toBeGreaterThanOrEqual(2);
      expect(strict.deliveries.length).toBeLessThanOrEqual(2);
    } finally {
      await strict.close();
    }
  });

  it('5xx → retryable; other 4xx → non-retryable; 401 → auth', async () => {
    receiver.failNext({ status: 503, body: 'maintenance' });
    await expect(send({ body: {} })).rejects.toThrow(RetryableError);
    receiver.failNext({ status: 422, body: { error: 'unknown account' } });
    const unprocessable = await send({ body: {} }).catch((caught: unknown) => caught);
    expect(unprocessable).toBeInstanceOf(NonRetryableError);
    expect((unprocessable as Error).message).toContain('unknown account');
    const wrongSecret = connection({ secret: 'not-the-receivers-secret' });
    await expect(send({ body: {} }, wrongSecret)).rejects.toThrow(AuthError);
    await expect(send({ body: {} }, wrongSecret)).rejects.toThrow("check the connection's signing secret");
  });

  it('names neither the path nor the query in errors (they may hold tokens)', async () => {
    receiver.failNext({ status: 500 });
    const auth = connection({ url: `${receiver.url}/hooks/T0KEN-in-path?token=s3cret` });
    const error = (await send({ body: {} }, auth).catch((caught: unknown) => caught)) as Error;
    expect(error.message).toBe(`POST ${new URL(receiver.url).host} answered 500`);
  });

  it('times out with a retryable error', async () => {
    const auth = connection({ url: `${receiver.url}/slow`, timeoutMs: 200 });
    await expect(send({ body: {} }, auth)).rejects.toThrow('did not answer within 200 ms');
  });
});

describe('webhookAuth.test', () => {
  it('passes when the receiver accepts a signed ping, and says why when it does not', async () => {
    await expect(webhookAuth.test!(connection())).resolves.toEqual({ ok: true });
    expect(receiver.deliveries[0]!.body).toMatchObject({ type: 'tripline.ping' });

    const wrong = await webhookAuth.test!(connection({ secret: 'another-secret-entirely' }));
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toContain('answered 401');

    const blocked = await webhookAuth.test!(connection({ allowPrivateNetworks: false }));
    expect(blocked).toEqual({ ok: false, message: expect.stringContaining('it is a loopback address') });
  });

  it('never puts the secret in a message', async () => {
    const secret = 'super-secret-value-0000';
    const result = await webhookAuth.test!(connection({ secret }));
    expect(JSON.stringify(result)).not.toContain(secret);
  });
});
