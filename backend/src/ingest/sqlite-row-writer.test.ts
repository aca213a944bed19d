import { DateUtils } from 'typeorm/util/DateUtils';
import { sqliteDatetimeOf } from './sqlite-row-writer';

describe('sqliteDatetimeOf', () => {
  it('formats dates exactly as TypeORM stores them on SQLite', () => {
    const samples = [0, 1, 999, 1_000, 59_999, 86_399_999, 86_400_000, 1_764_000_000_123, Date.UTC(2026, 10, 1), Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999), -1, -86_400_001, Date.UTC(1969, 11, 31, 23, 59, 59, 5)];
    // Random instants across the whole supported range, and consecutive ones sharing a day (the cached prefix).
    for (let i = 0; i < 2_000; i++) samples.push(Math.floor(Date.UTC(1000, 0, 1) + Math.random() * (Date.UTC(9999, 11, 31) - Date.UTC(1000, 0, 1))));
    for (let i = 0; i < 200; i++) samples.push(Date.UTC(2026, 10, 1) + i * 7_777_777);
    for (const time of samples) expect(sqliteDatetimeOf(new Date(time))).toBe(DateUtils.mixedDateToUtcDatetimeString(new Date(time)));
  });

  it('leaves dates TypeORM formats differently to the driver', () => {
    expect(sqliteDatetimeOf(new Date(Date.UTC(999, 11, 31)))).toBeNull();
    expect(sqliteDatetimeOf(new Date(Date.UTC(10000, 0, 1)))).toBeNull();
    expect(sqliteDatetimeOf(new Date(NaN))).toBeNull();
  });
});
