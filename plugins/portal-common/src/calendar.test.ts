import fc from 'fast-check';
import {
  CalendarUnit,
  calendarPeriod,
  isMonth,
  isTimeZone,
  localDate,
  monthLabel,
  monthRange,
  recentMonths,
} from './calendar';

// luxon's answers are checked against computations that do not use it: Date.UTC arithmetic
// for UTC, and Intl's local date of an instant in other zones.

const DAY = 86_400_000;
const UNITS: CalendarUnit[] = ['day', 'week', 'month', 'quarter'];

const iso = (t: number) => new Date(t).toISOString();
const utcDate = (t: number) => iso(t).slice(0, 10);

/** The period of `unit` containing `t` in UTC, by Date.UTC arithmetic alone. */
function utcPeriod(t: number, unit: CalendarUnit): [number, number] {
  const d = new Date(t);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  switch (unit) {
    case 'day':
      return [Date.UTC(y, m, day), Date.UTC(y, m, day + 1)];
    case 'week': {
      const monday = day - ((d.getUTCDay() + 6) % 7);
      return [Date.UTC(y, m, monday), Date.UTC(y, m, monday + 7)];
    }
    case 'month':
      return [Date.UTC(y, m, 1), Date.UTC(y, m + 1, 1)];
    default:
      return [Date.UTC(y, m - (m % 3), 1), Date.UTC(y, m - (m % 3) + 3, 1)];
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of `t` in `timeZone`, from Intl. */
function intlDate(t: number, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(t).map(p => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The first date of the period of `unit` containing `date`, and of the next one. */
function periodDates(date: string, unit: CalendarUnit): [string, string] {
  const [from, to] = utcPeriod(Date.parse(`${date}T00:00:00Z`), unit);
  return [utcDate(from), utcDate(to)];
}

// Berlin and New York: DST at 02:00; Kolkata: none; Lord Howe: 30-minute DST; Chatham: +12:45;
// Santiago: clocks jump from 00:00 to 01:00, so midnight does not exist that day; Havana: clocks
// go back from 01:00 to 00:00, so midnight happens twice; Apia skipped 2011-12-30 entirely.
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Santiago',
  'America/Havana',
  'Pacific/Apia',
];

/** What a zoned period must satisfy, stated with Intl and date arithmetic only. */
function expectPeriod(t: number, unit: CalendarUnit, timeZone: string) {
  const { from, to, startDate } = calendarPeriod(t, unit, timeZone);
  const [first, next] = periodDates(intlDate(t, timeZone), unit);
  expect({ t: iso(t), startDate }).toEqual({ t: iso(t), startDate: first });
  expect(from <= t && t < to).toBe(true);
  // `from` is the first instant on or after the first date, `to` the first on or after the next.
  expect(intlDate(from, timeZone) >= first).toBe(true);
  expect(intlDate(from - 1, timeZone) < first).toBe(true);
  expect(intlDate(to, timeZone) >= next).toBe(true);
  expect(intlDate(to - 1, timeZone) < next).toBe(true);
}

describe('calendarPeriod', () => {
  it('in UTC equals Date.UTC arithmetic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.constantFrom(...UNITS),
        (t, unit) => {
          const [from, to] = utcPeriod(t, unit);
          expect(calendarPeriod(t, unit)).toEqual({
            from,
            to,
            startDate: utcDate(from),
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('in UTC (computed without luxon) equals luxon in Etc/GMT, the same clock by zone rules', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 8, 30) }),
        fc.constantFrom(...UNITS),
        (t, unit) => {
          expect(calendarPeriod(t, unit, 'UTC')).toEqual(
            calendarPeriod(t, unit, 'Etc/GMT'),
          );
          expect(localDate(t, 'UTC')).toBe(localDate(t, 'Etc/GMT'));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it.each<[string, CalendarUnit, string, string]>([
    ['2024-02-29T23:59:59.999Z', 'month', '2024-02-01', '2024-03-01'],
    ['2023-02-28T12:00:00Z', 'month', '2023-02-01', '2023-03-01'],
    ['2000-02-29T00:00:00Z', 'month', '2000-02-01', '2000-03-01'],
    ['1900-02-28T00:00:00Z', 'month', '1900-02-01', '1900-03-01'],
    ['2100-03-01T00:00:00Z', 'month', '2100-03-01', '2100-04-01'],
    ['2024-12-31T23:59:59.999Z', 'month', '2024-12-01', '2025-01-01'],
    ['2024-12-31T23:59:59.999Z', 'quarter', '2024-10-01', '2025-01-01'],
    ['2024-12-31T10:00:00Z', 'week', '2024-12-30', '2025-01-06'],
    ['2021-01-03T23:59:59.999Z', 'week', '2020-12-28', '2021-01-04'],
    ['2024-02-29T12:00:00Z', 'day', '2024-02-29', '2024-03-01'],
    ['2024-03-01T00:00:00Z', 'day', '2024-03-01', '2024-03-02'],
  ])('UTC %s %s: [%s, %s)', (at, unit, from, to) => {
    expect(calendarPeriod(Date.parse(at), unit)).toEqual({
      from: Date.parse(`${from}T00:00:00Z`),
      to: Date.parse(`${to}T00:00:00Z`),
      startDate: from,
    });
  });

  it.each<[string, string, CalendarUnit, string, string, number]>([
    // 23 and 25 hour days around Berlin's DST changes.
    [
      'Europe/Berlin',
      '2024-03-31T12:00:00Z',
      'day',
      '2024-03-30T23:00:00.000Z',
      '2024-03-31T22:00:00.000Z',
      23,
    ],
    [
      'Europe/Berlin',
      '2024-10-27T12:00:00Z',
      'day',
      '2024-10-26T22:00:00.000Z',
      '2024-10-27T23:00:00.000Z',
      25,
    ],
    [
      'Europe/Berlin',
      '2024-03-15T12:00:00Z',
      'month',
      '2024-02-29T23:00:00.000Z',
      '2024-03-31T22:00:00.000Z',
      743,
    ],
    [
      'America/New_York',
      '2024-06-01T02:00:00Z',
      'month',
      '2024-05-01T04:00:00.000Z',
      '2024-06-01T04:00:00.000Z',
      744,
    ],
    // Santiago, 2024-09-08: no midnight; the day starts at 01:00 local, the end of the gap.
    [
      'America/Santiago',
      '2024-09-08T12:00:00Z',
      'day',
      '2024-09-08T04:00:00.000Z',
      '2024-09-09T03:00:00.000Z',
      23,
    ],
    // Havana, 2024-11-03: 00:00 twice; the day starts at the first.
    [
      'America/Havana',
      '2024-11-03T12:00:00Z',
      'day',
      '2024-11-03T04:00:00.000Z',
      '2024-11-04T05:00:00.000Z',
      25,
    ],
    // Apia skipped 2011-12-30: the 29th ends where the 31st begins.
    [
      'Pacific/Apia',
      '2011-12-29T12:00:00Z',
      'day',
      '2011-12-29T10:00:00.000Z',
      '2011-12-30T10:00:00.000Z',
      24,
    ],
  ])('%s %s %s: [%s, %s), %i hours', (zone, at, unit, from, to, hours) => {
    const period = calendarPeriod(Date.parse(at), unit, zone);
    expect([iso(period.from), iso(period.to)]).toEqual([from, to]);
    expect((period.to - period.from) / 3_600_000).toBe(hours);
  });

  it.each(ZONES)(
    'in %s starts at local midnight, for random instants',
    zone => {
      expect.hasAssertions();
      fc.assert(
        fc.property(
          fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
          fc.constantFrom(...UNITS),
          (t, unit) => expectPeriod(t, unit, zone),
        ),
        { numRuns: 300 },
      );
    },
  );

  it.each(ZONES)('in %s chains day after day through 2011 and 2024', zone => {
    for (const year of [2011, 2024]) {
      let period = calendarPeriod(Date.UTC(year, 0, 1, 12), 'day', zone);
      while (period.startDate < `${year + 1}-01-01`) {
        expectPeriod(period.from, 'day', zone);
        expectPeriod(period.to - 1, 'day', zone);
        const next = calendarPeriod(period.to, 'day', zone);
        expect(next.from).toBe(period.to);
        period = next;
      }
    }
  });

  it('throws a TypeError for an unknown zone', () => {
    expect(() => calendarPeriod(0, 'day', 'Mars/Olympus')).toThrow(
      new TypeError("unknown time zone 'Mars/Olympus'"),
    );
  });
});

describe('localDate', () => {
  it('equals Intl in every zone, and the ISO date in UTC', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...ZONES),
        (t, zone) => {
          expect(localDate(t, zone)).toBe(intlDate(t, zone));
          expect(localDate(t)).toBe(utcDate(t));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('isTimeZone', () => {
  it.each([
    ['UTC', true],
    ['Europe/Berlin', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Mars/Olympus', false],
    ['', false],
    ['local', false],
  ])('%s → %s', (zone, valid) => {
    expect(isTimeZone(zone)).toBe(valid);
  });
});

describe('monthRange', () => {
  it('equals Date.UTC arithmetic for every month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        (year, month) => {
          const text = `${year}-${String(month).padStart(2, '0')}`;
          expect(isMonth(text)).toBe(true);
          expect(monthRange(text)).toEqual({
            from: Date.UTC(year, month - 1, 1),
            to: Date.UTC(year, month, 1),
          });
        },
      ),
    );
  });

  it.each([
    ['2024-02', 29],
    ['2023-02', 28],
    ['2000-02', 29],
    ['1900-02', 28],
    ['2100-02', 28],
    ['2024-12', 31],
    ['2024-04', 30],
  ])('%s has %i days', (month, days) => {
    const { from, to } = monthRange(month);
    expect((to - from) / DAY).toBe(days);
  });

  it.each([
    '2024-13',
    '2024-00',
    '2024-1',
    '24-01',
    '2024-01-01',
    ' 2024-01',
    '',
  ])('rejects %j naming the value', month => {
    expect(isMonth(month)).toBe(false);
    expect(() => monthRange(month)).toThrow(
      new TypeError(`month: expected YYYY-MM, got '${month}'`),
    );
  });
});

describe('monthLabel', () => {
  it('names the UTC month', () => {
    expect(monthLabel('2026-11')).toBe('November 2026');
    expect(monthLabel('2027-01')).toBe('January 2027');
  });

  it('rejects anything but YYYY-MM', () => {
    expect(() => monthLabel('2026-13')).toThrow(
      new TypeError(`month: expected YYYY-MM, got '2026-13'`),
    );
  });
});

describe('recentMonths', () => {
  it('lists the months newest first across a year end', () => {
    expect(recentMonths(new Date('2027-02-01T00:30:00Z'), 4)).toEqual([
      '2027-02',
      '2027-01',
      '2026-12',
      '2026-11',
    ]);
    expect(recentMonths(Date.parse('2027-01-31T23:59:00Z'), 3)).toEqual([
      '2027-01',
      '2026-12',
      '2026-11',
    ]);
  });

  it('is in UTC, whatever the local date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 0, 1) }),
        t => {
          const [first] = recentMonths(t, 1);
          expect(isMonth(first)).toBe(true);
          const { from, to } = monthRange(first);
          expect(t >= from && t < to).toBe(true);
        },
      ),
    );
  });
});
