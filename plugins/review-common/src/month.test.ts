import {
  addMonths,
  isMonth,
  isMonthOver,
  lastFullMonth,
  monthOf,
  monthRange,
  previousMonth,
} from './month';

describe('monthRange', () => {
  it.each([
    ['2026-01', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
    ['2026-02', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ['2024-02', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
    ['2026-12', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('%s is [%s, %s)', (month, start, end) => {
    const range = monthRange(month);
    expect(new Date(range.start).toISOString()).toBe(start);
    expect(new Date(range.end).toISOString()).toBe(end);
  });

  it('has the calendar length: 29 days in a leap February, 28 otherwise', () => {
    const days = (m: string) => {
      const r = monthRange(m);
      return (r.end - r.start) / 86_400_000;
    };
    expect(days('2024-02')).toBe(29);
    expect(days('2026-02')).toBe(28);
    expect(days('2026-03')).toBe(31);
    expect(days('2026-04')).toBe(30);
  });

  it.each(['2026-13', '2026-00', '2026-1', '26-01', '2026-01-01', '', 'x'])(
    'refuses %j naming the field',
    bad => {
      expect(isMonth(bad)).toBe(false);
      expect(() => monthRange(bad)).toThrow(/^month: expected YYYY-MM/);
    },
  );
});

describe('month arithmetic', () => {
  it.each([
    ['2026-03', '2026-02'],
    ['2026-01', '2025-12'],
    ['2000-01', '1999-12'],
  ])('the month before %s is %s', (month, previous) => {
    expect(previousMonth(month)).toBe(previous);
  });

  it.each([
    ['2026-11', 2, '2027-01'],
    ['2026-01', -13, '2024-12'],
    ['2026-05', 0, '2026-05'],
  ])('%s plus %d months is %s', (month, offset, expected) => {
    expect(addMonths(month, offset)).toBe(expected);
  });

  it('takes the UTC month of an instant, whatever the local offset said', () => {
    // 23:30 on 31 March in New York is already April in UTC.
    expect(monthOf(new Date('2026-03-31T23:30:00-04:00'))).toBe('2026-04');
    expect(monthOf(Date.parse('2026-04-30T23:59:59.999Z'))).toBe('2026-04');
    expect(monthOf(Date.parse('2026-05-01T00:00:00.000Z'))).toBe('2026-05');
  });

  it('defaults to the last full month, and a month is over at its exclusive end', () => {
    expect(lastFullMonth(Date.parse('2026-12-06T02:00:00Z'))).toBe('2026-11');
    expect(lastFullMonth(Date.parse('2027-01-01T00:00:00Z'))).toBe('2026-12');
    expect(isMonthOver('2026-11', Date.parse('2026-12-01T00:00:00Z'))).toBe(
      true,
    );
    expect(isMonthOver('2026-11', Date.parse('2026-11-30T23:59:59.999Z'))).toBe(
      false,
    );
  });
});
