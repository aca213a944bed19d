import { decideClaim, type HeldClaim } from './decide-claim';

const DAY = 86_400_000;
const now = new Date('2026-03-10T12:00:00.000Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const held = (id: string, overrides: Partial<HeldClaim> = {}): HeldClaim => ({
  id,
  channel: 'email',
  playbookId: `pb-${id}`,
  priority: 50,
  state: 'committed',
  claimedAt: ago(1),
  ...overrides,
});

describe('decideClaim', () => {
  it('grants under the limit and refuses at it, saying when the oldest counted claim ages out', () => {
    const rules = [{ channel: 'email' as const, max: 2, days: 7 }];
    expect(decideClaim(rules, [held('a', { claimedAt: ago(3) })], { channel: 'email', priority: 50 }, now)).toEqual({ granted: true, takeOver: [] });
    const refused = decideClaim(rules, [held('a', { claimedAt: ago(3) }), held('b', { claimedAt: ago(1) })], { channel: 'email', priority: 50 }, now);
    expect(refused).toEqual({
      granted: false,
      reason: 'frequency cap: the contact was already reached (at most 2 per 7 days on email)',
      retryAt: new Date(ago(3).getTime() + 7 * DAY),
    });
  });

  it('ignores claims older than the window and claims of other channels for a channel rule', () => {
    const rules = [{ channel: 'email' as const, max: 1, days: 7 }];
    const claims = [held('old', { claimedAt: ago(8) }), held('crm', { channel: 'crm' })];
    expect(decideClaim(rules, claims, { channel: 'email', priority: 50 }, now).granted).toBe(true);
    expect(decideClaim([{ channel: 'all', max: 1, days: 7 }], claims, { channel: 'email', priority: 50 }, now).granted).toBe(false);
  });

  it('takes over the lowest-priority reservation only for a strictly higher priority, never a committed one', () => {
    const rules = [{ channel: 'all' as const, max: 1, days: 7 }];
    const reserved = held('low', { state: 'reserved', priority: 10 });
    expect(decideClaim(rules, [reserved], { channel: 'email', priority: 90 }, now)).toEqual({ granted: true, takeOver: [reserved] });
    expect(decideClaim(rules, [reserved], { channel: 'email', priority: 10 }, now).granted).toBe(false);
    expect(decideClaim(rules, [held('sent', { priority: 10 })], { channel: 'email', priority: 90 }, now).granted).toBe(false);
  });

  it('must satisfy every rule that applies: the channel rule and the "all" rule', () => {
    const rules = [
      { channel: 'email' as const, max: 3, days: 7 },
      { channel: 'all' as const, max: 1, days: 1 },
    ];
    const refused = decideClaim(rules, [held('slack', { channel: 'slack', claimedAt: ago(0.5) })], { channel: 'email', priority: 50 }, now);
    expect(refused).toMatchObject({ granted: false, reason: 'frequency cap: the contact was already reached (at most 1 per day across all channels)' });
  });
});
