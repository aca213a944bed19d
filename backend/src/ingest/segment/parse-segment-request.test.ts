import { IngestError } from './ingest-error';
import { parseSegmentRequest, SegmentRoute } from './parse-segment-request';

const receivedAt = new Date('2025-01-01T12:00:00.000Z');
let counter = 0;
const parse = (route: SegmentRoute, body: unknown) =>
  parseSegmentRequest(route, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), receivedAt, () => `generated-${++counter}`);

function rejection(route: SegmentRoute, body: unknown): IngestError {
  try {
    parse(route, body);
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  throw new Error('expected the request to be rejected');
}

describe('parseSegmentRequest', () => {
  it('normalizes a track call', () => {
    const { calls, writeKey } = parse('track', {
      userId: 42,
      event: 'Signed Up',
      properties: { plan: 'pro' },
      context: { ip: '1.2.3.4' },
      messageId: 'm-1',
      writeKey: 'wk',
      _metadata: { ignored: true },
    });
    expect(writeKey).toBe('wk');
    expect(calls).toEqual([
      expect.objectContaining({
        type: 'track',
        messageId: 'm-1',
        event: 'Signed Up',
        userId: '42',
        anonymousId: null,
        properties: { plan: 'pro' },
        context: { ip: '1.2.3.4' },
        timestamp: receivedAt,
        originalTimestamp: null,
        receivedAt,
      }),
    ]);
  });

  it('generates a messageId when none is given', () => {
    expect(parse('page', { anonymousId: 'a' }).calls[0].messageId).toMatch(/^generated-/);
  });

  it('keeps the fields of each call type', () => {
    expect(parse('identify', { userId: 'u', traits: { email: 'e@x.test' } }).calls[0]).toMatchObject({ type: 'identify', traits: { email: 'e@x.test' } });
    expect(parse('group', { userId: 'u', groupId: 'g1', traits: { name: 'Initech' } }).calls[0]).toMatchObject({ groupId: 'g1', traits: { name: 'Initech' } });
    expect(parse('page', { userId: 'u', name: 'Pricing', category: 'Docs', properties: { path: '/pricing' } }).calls[0]).toMatchObject({
      name: 'Pricing',
      category: 'Docs',
      properties: { path: '/pricing' },
    });
    expect(parse('screen', { anonymousId: 'a', name: 'Home' }).calls[0]).toMatchObject({ type: 'screen', name: 'Home' });
    expect(parse('alias', { userId: 'u', previousId: 'anon' }).calls[0]).toMatchObject({ type: 'alias', userId: 'u', previousId: 'anon' });
  });

  it('corrects clock skew from sentAt and timestamp, keeping the original timestamp', () => {
    // The client's clock is 1 hour fast; the event happened 5 s before it was sent.
    const [call] = parse('track', { userId: 'u', event: 'E', timestamp: '2025-01-01T12:59:55.000Z', sentAt: '2025-01-01T13:00:00.000Z' }).calls;
    expect(call.timestamp.toISOString()).toBe('2025-01-01T11:59:55.000Z');
    expect(call.originalTimestamp?.toISOString()).toBe('2025-01-01T12:59:55.000Z');
    expect(call.sentAt?.toISOString()).toBe('2025-01-01T13:00:00.000Z');
  });

  it('keeps a timestamp given without sentAt', () => {
    const [call] = parse('track', { userId: 'u', event: 'E', timestamp: '2024-06-01T00:00:00.000Z' }).calls;
    expect(call.timestamp.toISOString()).toBe('2024-06-01T00:00:00.000Z');
  });

  it('applies the batch sentAt and merges the batch context under each call', () => {
    const { calls } = parse('batch', {
      sentAt: '2025-01-01T13:00:00.000Z',
      context: { library: { name: 'x' }, ip: '1.1.1.1' },
      batch: [{ type: 'track', userId: 'u', event: 'E', timestamp: '2025-01-01T12:59:00.000Z', context: { ip: '2.2.2.2' } }],
    });
    expect(calls[0].timestamp.toISOString()).toBe('2025-01-01T11:59:00.000Z');
    expect(calls[0].context).toEqual({ library: { name: 'x' }, ip: '2.2.2.2' });
  });

  it('rejects a call without userId and anonymousId, naming the field', () => {
    expect(rejection('track', { event: 'E' })).toMatchObject({ status: 400, details: { field: 'userId' } });
    const batch = rejection('batch', { batch: [{ type: 'track', userId: 'u', event: 'E' }, { type: 'page', properties: {} }] });
    expect(batch.message).toContain('batch[1].userId');
    expect(batch.details).toMatchObject({ field: 'batch[1].userId', index: 1 });
  });

  it('rejects wrong types naming the field', () => {
    expect(rejection('track', { userId: 'u', event: 'E', properties: [1, 2] }).details.field).toBe('properties');
    expect(rejection('track', { userId: { id: 1 }, event: 'E' }).details.field).toBe('userId');
    expect(rejection('track', { userId: 'u' }).message).toBe('event: is required');
    expect(rejection('identify', { userId: 'u', timestamp: 'yesterday' }).details.field).toBe('timestamp');
    expect(rejection('group', { userId: 'u' }).message).toBe('groupId: is required');
    expect(rejection('alias', { previousId: 'a' }).message).toBe('userId: is required');
    expect(rejection('batch', { batch: [{ type: 'track', userId: 'u', event: 'E', context: 'x' }] }).details.field).toBe('batch[0].context');
    expect(rejection('batch', { batch: [{ type: 'purchase', userId: 'u' }] }).details.field).toBe('batch[0].type');
    expect(rejection('batch', { batch: 'nope' }).details.field).toBe('batch');
    expect(rejection('track', { userId: 'x'.repeat(256), event: 'E' }).details.field).toBe('userId');
  });

  it('rejects a clock skew that corrects the timestamp out of the range of dates (found by the hostile-request drill)', () => {
    const far = { sentAt: '+275760-09-13T00:00:00.000Z', originalTimestamp: '-271821-04-20T00:00:00.000Z' };
    expect(rejection('page', { anonymousId: 'a', ...far })).toMatchObject({ status: 400, details: { field: 'sentAt' } });
    const batch = rejection('batch', { batch: [{ type: 'track', userId: 'u', event: 'E' }, { type: 'track', userId: 'u', event: 'E', ...far }] });
    expect(batch.message).toMatch(/^batch\[1\]\.sentAt: is too far from the timestamp/);
    expect(batch.details).toMatchObject({ field: 'batch[1].sentAt', index: 1 });
  });

  it('rejects malformed JSON and non-object bodies', () => {
    expect(rejection('track', '{"userId": ').message).toMatch(/^Malformed JSON/);
    expect(rejection('track', '[1,2]').message).toBe('Request body must be a JSON object');
    expect(rejection('track', '').message).toMatch(/empty/);
  });

  it('enforces 32 KB per call and per batch item, and 500 KB per batch', () => {
    const big = { userId: 'u', event: 'E', properties: { blob: 'x'.repeat(33 * 1024) } };
    expect(rejection('track', big)).toMatchObject({ status: 400, details: { limit: '32 KB' } });
    expect(rejection('track', big).message).toMatch(/^Event exceeds 32 KB limit \(\d+ bytes\)$/);
    const item = rejection('batch', { batch: [{ type: 'track', ...big }] });
    expect(item.message).toMatch(/^batch\[0\]: Event exceeds 32 KB limit/);
    const many = Array.from({ length: 20 }, () => ({ type: 'track', userId: 'u', event: 'E', properties: { blob: 'x'.repeat(30 * 1024) } }));
    expect(rejection('batch', { batch: many }).message).toMatch(/^Batch exceeds 500 KB limit \(\d+ bytes\)$/);
  });
});
