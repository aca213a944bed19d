import { createHmac } from 'node:crypto';
import { InvalidInputError, type WebhookRequest } from '@tripline/connector-sdk';
import { segmentConnector } from '../segment.connector';
import { webhookDestinationTrigger as trigger } from './webhook-destination.trigger';

const SECRET = 'segment-shared-secret-1';
const NOW = Date.parse('2025-03-01T12:00:00Z');

// Computed independently of the code under test: Segment documents hex HMAC-SHA1 of the raw body.
const sign = (body: Buffer, secret = SECRET) => createHmac('sha1', secret).update(body).digest('hex');

function request(body: unknown, signature?: string | null): WebhookRequest {
  const rawBody = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return {
    method: 'POST',
    url: 'https://tripline.example/v1/webhooks/c1/webhookDestination',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-signature': signature ?? sign(rawBody) }) },
    rawBody,
  };
}

const track = {
  type: 'track',
  messageId: 'ajs-next-1',
  userId: 'u-42',
  event: 'Report Exported',
  properties: { format: 'csv' },
  context: { library: { name: 'analytics.js' } },
  timestamp: '2025-03-01T11:59:58.120Z',
  receivedAt: '2025-03-01T11:59:58.500Z',
};

const verify = (req: WebhookRequest, secret = SECRET) => trigger.verify({ auth: { sharedSecret: secret }, options: {}, request: req, now: NOW });
const parse = (req: WebhookRequest) => trigger.parse({ auth: { sharedSecret: SECRET }, options: {}, request: req, now: NOW });

describe('Segment webhook destination: verify', () => {
  it('accepts the signature Segment computes over the exact bytes', () => {
    expect(verify(request(track))).toEqual({ ok: true });
    expect(verify(request(track, sign(Buffer.from(JSON.stringify(track))).toUpperCase()))).toEqual({ ok: true });
  });

  it('refuses a tampered byte, another secret, a missing or malformed header', () => {
    const raw = Buffer.from(JSON.stringify(track));
    const tampered = Buffer.from(raw);
    tampered[raw.indexOf('csv')] = 'x'.charCodeAt(0);
    expect(verify({ ...request(track), rawBody: tampered })).toMatchObject({ ok: false, status: 401, message: expect.stringMatching(/does not match/) });
    expect(verify(request(track), 'another-secret-xyz')).toMatchObject({ ok: false, status: 401 });
    expect(verify(request(track, null))).toMatchObject({ ok: false, status: 401, message: expect.stringMatching(/Missing X-Signature/) });
    expect(verify(request(track, 'not-hex'))).toMatchObject({ ok: false, status: 401 });
  });
});

describe('Segment webhook destination: parse', () => {
  it('maps one call to an event item keeping its messageId and time', () => {
    expect(parse(request(track))).toEqual([
      {
        kind: 'event',
        id: 'ajs-next-1',
        at: '2025-03-01T11:59:58.120Z',
        call: {
          type: 'track',
          messageId: 'ajs-next-1',
          userId: 'u-42',
          event: 'Report Exported',
          properties: { format: 'csv' },
          context: { library: { name: 'analytics.js' } },
          timestamp: '2025-03-01T11:59:58.120Z',
        },
      },
    ]);
  });

  it('reads batches (a JSON array or { batch }), every call type, and gives id-less calls a content digest', () => {
    const calls = [track, { type: 'identify', userId: 'u-42', traits: { email: 'a@b.test' } }, { type: 'page', anonymousId: 'a1', name: 'Pricing' }, { type: 'alias', userId: 'u-42', previousId: 'a1' }];
    const items = parse(request(calls));
    expect(items.map((i) => i.call.type)).toEqual(['track', 'identify', 'page', 'alias']);
    expect(items[1]!.id).toMatch(/^segment-webhook:[0-9a-f]{40}$/);
    expect(parse(request(calls))[1]!.id).toBe(items[1]!.id);
    expect(parse(request({ batch: calls })).map((i) => i.id)).toEqual(items.map((i) => i.id));
    // No time on the call: the moment it was received.
    expect(items[1]!.at).toBe(new Date(NOW).toISOString());
    expect(items[2]!.call).toMatchObject({ name: 'Pricing', anonymousId: 'a1' });
    expect(items[3]!.call).toMatchObject({ previousId: 'a1' });
  });

  it('names what it cannot read', () => {
    expect(() => parse(request('{"type":'))).toThrow(InvalidInputError);
    expect(() => parse(request('"text"'))).toThrow(/must be a JSON object \(one call\) or an array/);
    expect(() => parse(request([track, { type: 'purchase' }]))).toThrow(/Call 1 .* type "purchase"/);
  });
});

describe('segmentConnector', () => {
  it('declares the webhook trigger, a secret field and no actions', () => {
    expect(segmentConnector.triggers?.map((t) => [t.name, t.kind])).toEqual([['webhookDestination', 'webhook']]);
    expect(segmentConnector.auth.secretFields).toEqual(['sharedSecret']);
    expect(segmentConnector.actions).toEqual([]);
  });
});
