import fc from 'fast-check';
import { applyPoll } from './apply-poll';
import type { PollCheckpoint, TriggerItem } from './define-trigger';

const item = (id: string, at: string): TriggerItem => ({
  kind: 'event',
  id,
  at,
  call: { type: 'track', messageId: `m:${id}`, userId: 'u1', event: 'Seen', timestamp: at },
});

describe('applyPoll', () => {
  it('starts from nothing: every item, in time order, checkpoint at the latest time with its ids', () => {
    const applied = applyPoll(null, { items: [item('b', '2024-01-01T00:00:02Z'), item('a', '2024-01-01T00:00:01Z'), item('c', '2024-01-01T00:00:02.000Z')] });
    expect(applied.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(applied.checkpoint).toEqual({ time: '2024-01-01T00:00:02.000Z', idsAtTime: ['b', 'c'] });
  });

  it('drops what the checkpoint covers and keeps the ids already delivered at an unchanged time', () => {
    const checkpoint: PollCheckpoint = { time: '2024-01-01T00:00:02.000Z', idsAtTime: ['b'] };
    const applied = applyPoll(checkpoint, { items: [item('a', '2024-01-01T00:00:01Z'), item('b', '2024-01-01T00:00:02Z'), item('c', '2024-01-01T00:00:02Z')] });
    expect(applied.items.map((i) => i.id)).toEqual(['c']);
    expect(applied.checkpoint).toEqual({ time: '2024-01-01T00:00:02.000Z', idsAtTime: ['b', 'c'] });
  });

  it('leaves the checkpoint as it was when nothing is new, and counts a repeated id once', () => {
    const checkpoint: PollCheckpoint = { time: '2024-01-01T00:00:02.000Z', idsAtTime: ['b'] };
    expect(applyPoll(checkpoint, { items: [item('b', '2024-01-01T00:00:02Z')] })).toEqual({ items: [], checkpoint });
    expect(applyPoll(null, { items: [item('x', '2024-01-01T00:00:05Z'), item('x', '2024-01-01T00:00:05Z')] }).items).toHaveLength(1);
  });

  it('names an item whose time cannot be read', () => {
    expect(() => applyPoll(null, { items: [item('bad', 'yesterday')] })).toThrow(/Trigger item 'bad' has 'at' = 'yesterday'/);
  });

  it('delivers every record exactly once, whatever the polls see, even at equal timestamps', () => {
    // Records appear at the vendor in time order (equal times may straddle polls); each poll sees
    // what has appeared so far at or after the checkpoint time (inclusive), in any order, with repeats.
    const record = fc.record({ second: fc.integer({ min: 0, max: 4 }) });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 10 }), fc.integer(), (records, cuts, seed) => {
        const all = records
          .map((r, i) => item(`r${i}`, new Date(Date.UTC(2024, 0, 1, 0, 0, r.second)).toISOString()))
          .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
        const visibleAfter = [...cuts.map((c) => Math.min(c, all.length)).sort((a, b) => a - b), all.length];
        let checkpoint: PollCheckpoint | null = null;
        const delivered: string[] = [];
        let shuffle = seed;
        for (const visible of visibleAfter) {
          const since: number = checkpoint ? Date.parse((checkpoint as PollCheckpoint).time) : -Infinity;
          const answer = all.slice(0, visible).filter((r) => Date.parse(r.at) >= since);
          // Vendors answer in any order and sometimes twice.
          const noisy = [...answer, ...answer.slice(0, 2)].sort(() => ((shuffle = (shuffle * 1103515245 + 12345) | 0) & 1 ? 1 : -1));
          const applied = applyPoll(checkpoint, { items: noisy });
          delivered.push(...applied.items.map((i) => i.id));
          checkpoint = applied.checkpoint;
        }
        expect([...delivered].sort()).toEqual(all.map((r) => r.id).sort());
      }),
      { numRuns: 300 },
    );
  });
});
