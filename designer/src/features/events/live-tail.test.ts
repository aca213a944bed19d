import type { EventScoreEffect, IngestedEvent } from './live-events-api';
import { actorOf, formatScoreEffect, prependEvents } from './live-tail';

const event = (messageId: string, overrides: Partial<IngestedEvent> = {}): IngestedEvent => ({
  messageId,
  type: 'track',
  event: 'Trial Started',
  userId: 'u1',
  anonymousId: null,
  personId: 'p1',
  accountId: null,
  timestamp: '2026-01-01T00:00:00Z',
  receivedAt: '2026-01-01T00:00:01Z',
  source: 'segment:analytics-node',
  scoreEffects: [],
  ...overrides,
});

const effect = (overrides: Partial<EventScoreEffect> = {}): EventScoreEffect => ({
  modelId: 'lead',
  modelName: 'Lead score',
  subjectKind: 'person',
  subjectId: 'p1',
  points: 75,
  scoreBefore: 5,
  scoreAfter: 80,
  tierBefore: 'Low',
  tierAfter: 'High',
  ...overrides,
});

describe('prependEvents', () => {
  it('puts the newest delivered event on top and keeps each messageId once', () => {
    const rows = [event('b'), event('a')];
    expect(prependEvents(rows, [event('b'), event('c'), event('d')]).map((e) => e.messageId)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('drops the oldest rows past the cap', () => {
    const rows = Array.from({ length: 500 }, (_, i) => event(`old-${499 - i}`));
    const next = prependEvents(rows, [event('new-1'), event('new-2')]);
    expect(next).toHaveLength(500);
    expect(next.slice(0, 3).map((e) => e.messageId)).toEqual(['new-2', 'new-1', 'old-499']);
    expect(next.at(-1)!.messageId).toBe('old-2');
  });
});

describe('formatScoreEffect', () => {
  it.each([
    [effect(), '+75 Lead score 5 → 80 (Low → High)'],
    [effect({ points: 5, scoreBefore: 76.39, scoreAfter: 81.39, tierBefore: 'High', tierAfter: 'High' }), '+5 Lead score 76.39 → 81.39 (High)'],
    [effect({ points: -3.5, scoreBefore: 10, scoreAfter: 6.5, tierBefore: null, tierAfter: null }), '−3.5 Lead score 10 → 6.5'],
    [effect({ subjectKind: 'account', tierBefore: null }), '+75 account Lead score 5 → 80 (no tier → High)'],
  ])('%# reads %s', (value, text) => {
    expect(formatScoreEffect(value)).toBe(text);
  });
});

it('names the actor by user id, else anonymous id, else person', () => {
  expect(actorOf(event('a'))).toBe('u1');
  expect(actorOf(event('a', { userId: null, anonymousId: 'anon-1' }))).toBe('anonymous anon-1');
  expect(actorOf(event('a', { userId: null }))).toBe('p1');
});
