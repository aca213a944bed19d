import type { SegmentCall } from '../ingest/segment/segment-call';
import { segmentSource, sourceOf, utcDay } from './event-source';
import { missingRequiredFields } from './required-fields';
import { tallyIngest } from './tally-ingest';

const receivedAt = new Date('2025-03-10T23:59:59.000Z');
const clientTime = new Date('2025-03-10T23:59:00.000Z');

/** A complete track call from analytics-node unless overridden. */
function call(overrides: Partial<SegmentCall> = {}): SegmentCall {
  return {
    type: 'track',
    messageId: `m-${Math.random()}`,
    event: 'Report Exported',
    name: null,
    category: null,
    userId: 'u1',
    anonymousId: null,
    previousId: null,
    groupId: null,
    properties: { format: 'csv' },
    traits: {},
    context: { library: { name: 'analytics-node', version: '2.1.0' }, groupId: 'acme' },
    timestamp: clientTime,
    originalTimestamp: clientTime,
    sentAt: null,
    receivedAt,
    ...overrides,
  };
}

describe('required fields (completeness)', () => {
  it('accepts a complete call of every type', () => {
    expect(missingRequiredFields(call())).toEqual([]);
    expect(missingRequiredFields(call({ type: 'page', event: null, properties: { path: '/pricing' } }))).toEqual([]);
    expect(missingRequiredFields(call({ type: 'screen', event: null, properties: { name: 'Home' } }))).toEqual([]);
    expect(missingRequiredFields(call({ type: 'identify', event: null, properties: {}, traits: { plan: 'pro' } }))).toEqual([]);
    expect(missingRequiredFields(call({ type: 'group', event: null, properties: {}, groupId: 'acme', traits: { name: 'Acme' }, context: {} }))).toEqual([]);
    // alias: userId, previousId and a client timestamp; no account id, no properties.
    expect(missingRequiredFields(call({ type: 'alias', event: null, properties: {}, previousId: 'anon-1', context: {} }))).toEqual([]);
    // A numeric context.groupId is an id too.
    expect(missingRequiredFields(call({ context: { groupId: 42 } }))).toEqual([]);
  });

  it('names each missing field: userId, the client timestamp, the account id and the properties or traits', () => {
    expect(missingRequiredFields(call({ userId: null, anonymousId: 'a1' }))).toEqual(['userId']);
    // The server filled the time in on receipt: the client sent none.
    expect(missingRequiredFields(call({ originalTimestamp: null, timestamp: receivedAt }))).toEqual(['timestamp']);
    expect(missingRequiredFields(call({ context: { library: { name: 'analytics-node' } } }))).toEqual(['context.groupId']);
    expect(missingRequiredFields(call({ context: { groupId: '  ' } }))).toEqual(['context.groupId']);
    expect(missingRequiredFields(call({ properties: {} }))).toEqual(['properties']);
    expect(missingRequiredFields(call({ type: 'identify', event: null, traits: {} }))).toEqual(['traits']);
    expect(missingRequiredFields(call({ type: 'alias', event: null, userId: 'u2', previousId: 'u1', originalTimestamp: null }))).toEqual(['timestamp']);
    expect(missingRequiredFields(call({ userId: null, anonymousId: 'a', originalTimestamp: null, context: {}, properties: {} }))).toEqual([
      'userId',
      'timestamp',
      'context.groupId',
      'properties',
    ]);
  });
});

describe('event source', () => {
  it('is segment:<context.library.name>, or segment:unknown without a usable name', () => {
    expect(segmentSource(call())).toBe('segment:analytics-node');
    expect(segmentSource(call({ context: {} }))).toBe('segment:unknown');
    expect(segmentSource(call({ context: { library: 'analytics.js' } }))).toBe('segment:unknown');
    expect(segmentSource(call({ context: { library: { name: '  ' } } }))).toBe('segment:unknown');
    expect(segmentSource(call({ context: { library: { name: 7 } } }))).toBe('segment:unknown');
    expect(segmentSource(call({ context: { library: { name: 'x'.repeat(300) } } }))).toBe(`segment:${'x'.repeat(200)}`);
  });

  it('can be a fixed name given by a connector', () => {
    expect(sourceOf('mixpanel:export', call())).toBe('mixpanel:export');
    expect(() => sourceOf(' ', call())).toThrow('A data-quality source name must not be empty');
  });

  it('counts by UTC day', () => {
    expect(utcDay(new Date('2025-03-10T23:59:59.999Z'))).toBe('2025-03-10');
    expect(utcDay(new Date('2025-03-11T00:00:00.000+01:00'))).toBe('2025-03-10');
  });
});

describe('tallyIngest', () => {
  it('counts one request per source and day: duplicates among received, the rest among stored', () => {
    const node = [call({ messageId: 'n1' }), call({ messageId: 'n2', userId: null, anonymousId: 'a1' }), call({ messageId: 'n3' })];
    const noLibrary = call({ messageId: 'x1', context: { groupId: 'acme' } });
    const retried = call({ messageId: 'n1' }); // repeated in the same request
    const alreadyStored = call({ messageId: 'old' }); // stored by an earlier request
    const received = [...node, noLibrary, retried, alreadyStored];
    const stored = [...node, noLibrary];
    const persons = [
      { userId: 'u1', accountId: 'acc' },
      { userId: null, accountId: null }, // anonymous
      { userId: 'u1', accountId: null }, // identified, no account
      { userId: 'u3', accountId: 'acc' },
    ];
    expect(tallyIngest(segmentSource, received, stored, (i) => persons[i])).toEqual([
      // analytics-node: 5 received (n1, n2, n3, n1 again, old), 2 duplicates; of the 3 stored,
      // n2 lacks a userId → 2 complete; n1 and n3 identified; only n1 in an account.
      { source: 'segment:analytics-node', day: '2025-03-10', lastReceivedAt: receivedAt, received: 5, duplicates: 2, complete: 2, identified: 2, accountMatched: 1 },
      { source: 'segment:unknown', day: '2025-03-10', lastReceivedAt: receivedAt, received: 1, duplicates: 0, complete: 1, identified: 1, accountMatched: 1 },
    ]);
  });

  it('splits by UTC day of receipt, keeps the latest receipt of each, and counts a fixed source name', () => {
    const first = call({ messageId: 'a', receivedAt: new Date('2025-03-10T10:00:00.000Z') });
    const late = call({ messageId: 'b', receivedAt: new Date('2025-03-10T23:59:59.999Z') });
    const early = call({ messageId: 'c', receivedAt: new Date('2025-03-11T00:00:00.000Z') });
    const calls = [late, first, early];
    const tallies = tallyIngest('mixpanel:export', calls, calls, () => ({ userId: 'u', accountId: 'a' }));
    expect(tallies.map((t) => [t.source, t.day, t.received, t.lastReceivedAt.toISOString()])).toEqual([
      ['mixpanel:export', '2025-03-10', 2, '2025-03-10T23:59:59.999Z'],
      ['mixpanel:export', '2025-03-11', 1, '2025-03-11T00:00:00.000Z'],
    ]);
  });

  it('counts a request of only duplicates', () => {
    expect(tallyIngest(segmentSource, [call({ messageId: 'old' }), call({ messageId: 'old' })], [], () => ({ userId: null, accountId: null }))).toEqual([
      { source: 'segment:analytics-node', day: '2025-03-10', lastReceivedAt: receivedAt, received: 2, duplicates: 2, complete: 0, identified: 0, accountMatched: 0 },
    ]);
  });
});
