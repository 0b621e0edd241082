import { round } from '../testUtils';
import { calendarMonth, monthAttainment } from './month';

describe('calendarMonth', () => {
  it.each([
    // 30 days, 31 days, February in a leap and a common year, December into the next year.
    ['2026-11', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', 30],
    ['2026-10', '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z', 31],
    ['2028-02', '2028-02-01T00:00:00Z', '2028-03-01T00:00:00Z', 29],
    ['2026-02', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z', 28],
    ['2026-12', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z', 31],
  ])('%s is [%s, %s), %d days', (month, from, to, days) => {
    const range = calendarMonth(month);
    expect(range.from).toBe(Date.parse(from) / 1000);
    expect(range.to).toBe(Date.parse(to) / 1000);
    expect((range.to - range.from) / 86400).toBe(days);
  });

  it.each(['2026-13', '2026-00', '2026-1', '26-11', '2026-11-01', ''])(
    'rejects %p naming the field',
    month => {
      expect(() => calendarMonth(month)).toThrow(/^month: expected YYYY-MM/);
    },
  );
});

describe('monthAttainment', () => {
  it.each([
    // good, total, target → sli, met, remaining (1 - bad share / (1 - target))
    ['no traffic', 0, 0, 0.999, undefined, undefined, undefined],
    ['no errors', 1000, 1000, 0.999, 1, true, 1],
    ['exactly at the objective', 999, 1000, 0.999, 0.999, true, 0],
    ['half the budget', 9995, 10000, 0.999, 0.9995, true, 0.5],
    ['overspent twice', 998, 1000, 0.999, 0.998, false, -1],
    ['one bad event of one', 0, 1, 0.99, 0, false, -99],
  ])('%s', (_, good, total, target, sli, met, remaining) => {
    const a = monthAttainment({ good, total, target });
    expect([
      a.sli,
      a.met,
      round(a.budgetRemaining),
      round(a.budgetConsumed),
    ]).toEqual([
      sli,
      met,
      remaining,
      remaining === undefined ? undefined : round(1 - remaining),
    ]);
  });
});
