import { formatChange, scoreEffects } from './score-effects';

describe('scoreEffects', () => {
  it('derives each event\'s change and tier moves from the history, newest first', () => {
    const effects = scoreEffects(
      [
        { at: '2026-01-03T00:00:00Z', messageId: 'm3', score: 75.5, tier: 'High' },
        { at: '2026-01-02T00:00:00Z', messageId: 'm2', score: 60, tier: 'Medium' },
        { at: '2026-01-01T00:00:00Z', messageId: 'm1', score: 62.25, tier: 'Medium' },
      ],
      [{ messageId: 'm3', event: 'Invited Teammate', ruleId: 'r', points: 15, basePoints: 15, timestamp: '2026-01-03T00:00:00Z' }],
    );
    expect(effects.map((e) => [e.messageId, e.event, e.change, e.tierChanged])).toEqual([
      ['m3', 'Invited Teammate', 15.5, true],
      ['m2', null, -2.25, false],
      ['m1', null, null, false],
    ]);
  });

  it('formats changes with their sign', () => {
    expect([formatChange(3), formatChange(-2.5), formatChange(0), formatChange(null)]).toEqual(['+3', '−2.5', '0', '—']);
  });
});
