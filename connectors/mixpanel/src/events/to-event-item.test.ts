import { fallbackId, toEventItem } from './to-event-item';

const JAN_1 = 1_767_225_600; // 2026-01-01T00:00:00Z in seconds

describe('toEventItem', () => {
  it('maps an identified event: track call, userId, messageId from $insert_id, ms time', () => {
    const mapped = toEventItem(
      {
        event: 'Viewed Pricing',
        properties: {
          time: JAN_1 * 1000 + 250,
          distinct_id: 'ada@example.com',
          $user_id: 'ada@example.com',
          $device_id: 'd-1',
          $insert_id: 'ins-1',
          $current_url: 'https://app.example.com/pricing',
          $browser: 'Chrome',
          mp_lib: 'web',
          mp_processing_time_ms: 1,
          $mp_api_endpoint: 'api.mixpanel.com',
          plan: 'team',
        },
      },
      'UTC',
    );
    expect(mapped).toEqual({
      ok: true,
      item: {
        kind: 'event',
        id: 'ins-1',
        at: '2026-01-01T00:00:00.250Z',
        call: {
          type: 'track',
          messageId: 'mixpanel:ins-1',
          userId: 'ada@example.com',
          anonymousId: 'd-1',
          event: 'Viewed Pricing',
          properties: { plan: 'team', mixpanel: { current_url: 'https://app.example.com/pricing', browser: 'Chrome', mp_lib: 'web' } },
          timestamp: '2026-01-01T00:00:00.250Z',
        },
      },
    });
  });

  it('reads $device: distinct ids as anonymous, and a plain distinct_id as the user', () => {
    const anonymous = toEventItem({ event: 'Opened', properties: { time: JAN_1, distinct_id: '$device:d-9', $insert_id: 'x' } }, 'UTC');
    expect(anonymous.ok && anonymous.item.call).toMatchObject({ anonymousId: 'd-9' });
    expect(anonymous.ok && anonymous.item.call.userId).toBeUndefined();
    // Original ID merge: an anonymous event's distinct_id is its $device_id.
    const original = toEventItem({ event: 'Opened', properties: { time: JAN_1, distinct_id: 'd-5', $device_id: 'd-5', $insert_id: 'y' } }, 'UTC');
    expect(original.ok && original.item.call).toMatchObject({ anonymousId: 'd-5' });
    expect(original.ok && original.item.call.userId).toBeUndefined();
    const plain = toEventItem({ event: 'Opened', properties: { time: JAN_1, distinct_id: 42, $insert_id: 'z' } }, 'UTC');
    expect(plain.ok && plain.item.call).toMatchObject({ userId: '42' });
  });

  it('reads time in seconds, fractional seconds or milliseconds', () => {
    const at = (time: unknown) => {
      const mapped = toEventItem({ event: 'E', properties: { time, distinct_id: 'u', $insert_id: 'i' } }, 'UTC');
      return mapped.ok ? mapped.item.at : mapped.reason;
    };
    expect(at(JAN_1)).toBe('2026-01-01T00:00:00.000Z');
    expect(at(JAN_1 + 0.5)).toBe('2026-01-01T00:00:00.500Z');
    expect(at(JAN_1 * 1000 + 7)).toBe('2026-01-01T00:00:00.007Z');
    expect(at(String(JAN_1))).toBe('2026-01-01T00:00:00.000Z');
    expect(at(undefined)).toBe('no time');
    expect(at('soon')).toBe('no time');
  });

  it('reads a legacy project\'s local wall-clock time in its timezone', () => {
    // 09:00 wall clock in Los Angeles on 15 Jan 2026 is 17:00 UTC.
    const mapped = toEventItem({ event: 'E', properties: { time: Date.parse('2026-01-15T09:00:00Z'), distinct_id: 'u', $insert_id: 'i' } }, 'America/Los_Angeles');
    expect(mapped.ok && mapped.item.at).toBe('2026-01-15T17:00:00.000Z');
  });

  it('gives an event without $insert_id a stable id from name, distinct_id and time', () => {
    const raw = { event: 'Opened', properties: { time: JAN_1, distinct_id: 'u1' } };
    const first = toEventItem(raw, 'UTC');
    const again = toEventItem(structuredClone(raw), 'UTC');
    expect(first.ok && first.item.id).toBe(fallbackId('Opened', 'u1', JAN_1));
    expect(first.ok && first.item.id).toMatch(/^h-[0-9a-f]{32}$/);
    expect(again).toEqual(first);
    expect(first.ok && first.item.call.messageId).toBe(`mixpanel:${fallbackId('Opened', 'u1', JAN_1)}`);
    expect(fallbackId('Opened', 'u2', JAN_1)).not.toBe(fallbackId('Opened', 'u1', JAN_1));
  });

  it('skips an event nobody can be found for', () => {
    expect(toEventItem({ event: 'E', properties: { time: JAN_1, distinct_id: '  ' } }, 'UTC')).toEqual({ ok: false, reason: 'no distinct_id' });
  });

  it('keeps a customer property named "mixpanel" and moves Mixpanel\'s own aside', () => {
    const mapped = toEventItem({ event: 'E', properties: { time: JAN_1, distinct_id: 'u', $insert_id: 'i', mixpanel: 'mine', $os: 'Linux' } }, 'UTC');
    expect(mapped.ok && mapped.item.call.properties).toEqual({ mixpanel: 'mine', $mixpanel: { os: 'Linux' } });
  });
});
