import { qualityDayRange } from './quality-day-range';

const now = new Date('2025-03-10T15:30:00.000Z');

describe('qualityDayRange', () => {
  it('defaults to today and the 6 days before it (UTC)', () => {
    expect(qualityDayRange(null, null, now)).toEqual({ fromDay: '2025-03-04', toDay: '2025-03-10' });
  });

  it('covers every UTC day the range touches, inclusive', () => {
    expect(qualityDayRange(new Date('2025-03-01T23:00:00Z'), new Date('2025-03-02T00:00:01Z'), now)).toEqual({ fromDay: '2025-03-01', toDay: '2025-03-02' });
    expect(qualityDayRange(new Date('2025-03-05T10:00:00Z'), new Date('2025-03-05T10:00:00Z'), now)).toEqual({ fromDay: '2025-03-05', toDay: '2025-03-05' });
  });

  it('fills a missing end from the other one', () => {
    expect(qualityDayRange(null, new Date('2025-02-01T05:00:00Z'), now)).toEqual({ fromDay: '2025-01-26', toDay: '2025-02-01' });
    expect(qualityDayRange(new Date('2025-03-09T00:00:00Z'), null, now)).toEqual({ fromDay: '2025-03-09', toDay: '2025-03-10' });
  });

  it('rejects from after to, naming both', () => {
    expect(() => qualityDayRange(new Date('2025-03-09T00:00:00Z'), new Date('2025-03-08T00:00:00Z'), now)).toThrow(
      'from (2025-03-09T00:00:00.000Z) must not be after to (2025-03-08T00:00:00.000Z)',
    );
  });
});
