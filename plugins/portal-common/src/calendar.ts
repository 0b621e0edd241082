import { DateTime, DurationLikeObject, IANAZone } from 'luxon';

/**
 * The calendar units periods align to: local days, ISO weeks (starting on Monday), calendar
 * months and quarters.
 *
 * @public
 */
export type CalendarUnit = 'day' | 'week' | 'month' | 'quarter';

/**
 * One calendar period, half-open `[from, to)` in epoch milliseconds.
 *
 * @public
 */
export interface CalendarPeriod {
  /** The first instant of the period: local midnight of its first day. */
  from: number;
  /** The first instant of the next period. */
  to: number;
  /** The local date the period starts on, `YYYY-MM-DD`. */
  startDate: string;
}

const zoneAnswers = new Map<string, boolean>();

/**
 * Whether `timeZone` is an IANA zone (or `UTC`) this runtime's Intl knows. Callers turn a
 * `false` into their own error, because each plugin's message names its own field.
 *
 * @public
 */
export function isTimeZone(timeZone: string): boolean {
  // Asking Intl builds a formatter (tenths of a millisecond); a metrics request asks once per
  // entity, so each zone's answer is kept. The zones a runtime knows do not change while it runs.
  let known = zoneAnswers.get(timeZone);
  if (known === undefined) {
    known = IANAZone.isValidZone(timeZone);
    if (zoneAnswers.size < 1000) zoneAnswers.set(timeZone, known);
  }
  return known;
}

const DAY_MS = 86_400_000;
/** UTC periods are computed without luxon inside these years (ISO dates have 4 digits). */
const UTC_FAST_FROM = Date.UTC(1000, 0, 1);
const UTC_FAST_TO = Date.UTC(9999, 9, 1);

/**
 * calendarPeriod in UTC by plain date arithmetic: a UTC day is always 24 hours, so the
 * periods need no zone rules. The DORA and SLO buckets are UTC by default and ask for one
 * period per bucket per entity, where luxon's zone machinery was most of the cost.
 */
function utcPeriod(t: number, unit: CalendarUnit): CalendarPeriod {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const dayStart = Date.UTC(y, m, d.getUTCDate());
  let from: number;
  let to: number;
  if (unit === 'day') {
    from = dayStart;
    to = dayStart + DAY_MS;
  } else if (unit === 'week') {
    // ISO weeks start on Monday; getUTCDay() is 0 on Sunday.
    from = dayStart - ((d.getUTCDay() + 6) % 7) * DAY_MS;
    to = from + 7 * DAY_MS;
  } else if (unit === 'month') {
    from = Date.UTC(y, m, 1);
    to = Date.UTC(y, m + 1, 1);
  } else {
    from = Date.UTC(y, m - (m % 3), 1);
    to = Date.UTC(y, m - (m % 3) + 3, 1);
  }
  return { from, to, startDate: new Date(from).toISOString().slice(0, 10) };
}

const isUtc = (timeZone: string) =>
  timeZone === 'UTC' || timeZone === 'Etc/UTC';
const utcFast = (t: number, timeZone: string) =>
  isUtc(timeZone) && t >= UTC_FAST_FROM && t < UTC_FAST_TO;

const ONE: Record<CalendarUnit, DurationLikeObject> = {
  day: { days: 1 },
  week: { weeks: 1 },
  month: { months: 1 },
  quarter: { quarters: 1 },
};

function zoned(t: number, timeZone: string): DateTime {
  const local = DateTime.fromMillis(t, { zone: timeZone });
  if (!local.isValid) {
    throw new TypeError(`unknown time zone '${timeZone}'`);
  }
  return local;
}

/**
 * The first instant of `local`'s day. Where clocks go back across midnight, midnight happens
 * twice and luxon picks the one with the offset `local` has; the day starts at the first.
 * Where midnight falls in a gap, luxon gives the end of the gap, which is the day's start.
 */
function startOfLocalDay(local: DateTime): DateTime {
  const start = local.startOf('day');
  const before = start.minus(1);
  return before.day === start.day ? before.startOf('day') : start;
}

/**
 * The calendar period of `unit` containing instant `t` in `timeZone` (UTC by default): it
 * starts at local midnight of its first day, so a Europe/Berlin day is 23 or 25 hours long
 * across a DST change. The same bounds as PostgreSQL's
 * `date_trunc(unit, ts AT TIME ZONE tz) AT TIME ZONE tz`, except that a local midnight which
 * does not exist moves to the end of the gap.
 *
 * @throws TypeError when `timeZone` is unknown (check it with {@link isTimeZone} first).
 * @public
 */
export function calendarPeriod(
  t: number,
  unit: CalendarUnit,
  timeZone: string = 'UTC',
): CalendarPeriod {
  if (utcFast(t, timeZone)) return utcPeriod(t, unit);
  const first = zoned(t, timeZone).startOf(unit);
  const from = startOfLocalDay(first);
  const to = startOfLocalDay(first.plus(ONE[unit]));
  return {
    from: from.toMillis(),
    to: to.toMillis(),
    startDate: from.toISODate()!,
  };
}

/**
 * The local date (`YYYY-MM-DD`) instant `t` falls on in `timeZone` (UTC by default).
 *
 * @throws TypeError when `timeZone` is unknown.
 * @public
 */
export function localDate(t: number, timeZone: string = 'UTC'): string {
  if (utcFast(t, timeZone)) return new Date(t).toISOString().slice(0, 10);
  return zoned(t, timeZone).toISODate()!;
}

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * Whether `value` is a calendar month in the `YYYY-MM` form the portal's month views use.
 *
 * @public
 */
export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH_PATTERN.test(value);
}

/**
 * A UTC calendar month `YYYY-MM` in epoch milliseconds, half-open: from the first day 00:00
 * to the next month's first day 00:00. The review, the DORA page and the SLO month answer all
 * use this definition, so their figures for "November" are over the same instants.
 *
 * @throws TypeError naming the value when it is not `YYYY-MM`.
 * @public
 */
export function monthRange(month: string): { from: number; to: number } {
  const match = MONTH_PATTERN.exec(month);
  if (!match) {
    throw new TypeError(`month: expected YYYY-MM, got '${month}'`);
  }
  const first = DateTime.utc(Number(match[1]), Number(match[2]));
  return {
    from: first.toMillis(),
    to: first.plus({ months: 1 }).toMillis(),
  };
}

/**
 * "November 2026": a `YYYY-MM` month's name in English, in UTC whatever the runtime's time
 * zone, as the DORA and SLO pages label their month pickers and headings.
 *
 * @throws TypeError naming the value when it is not `YYYY-MM`.
 * @public
 */
export function monthLabel(month: string): string {
  return new Date(monthRange(month).from).toLocaleString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * The `count` UTC calendar months (`YYYY-MM`) up to and including the one `now` is in,
 * newest first: the months a page offers to look back on.
 *
 * @public
 */
export function recentMonths(now: Date | number, count: number): string[] {
  const at = new Date(now);
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - i, 1))
      .toISOString()
      .slice(0, 7),
  );
}
