import { isMonth, monthLabel, recentMonths } from './month';

describe('month helpers', () => {
  it('accepts only YYYY-MM', () => {
    expect(['2026-11', '2026-13', '2026-1', 'nov', ''].map(isMonth)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('names the UTC month', () => {
    expect(monthLabel('2026-11')).toBe('November 2026');
    expect(monthLabel('2027-01')).toBe('January 2027');
  });

  it('lists recent months newest first across a year end', () => {
    expect(recentMonths(new Date('2027-01-31T23:59:00Z'), 3)).toEqual([
      '2027-01',
      '2026-12',
      '2026-11',
    ]);
  });
});
