import { InputError } from '@backstage/errors';
import { DAY_MS, HOUR_MS } from './time';

/*
 * Calendar arithmetic in an IANA time zone using only Intl, so the package
 * stays dependency-free and runs unchanged in the browser.
 *
 * Local calendar dates are represented as "day numbers": days since
 * 1970-01-01 of the proleptic Gregorian calendar, independent of any zone.
 * That makes "next day", "Monday of this week" and "first of next month"
 * plain integer or Date.UTC arithmetic; only converting between instants and
 * day numbers needs the zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        hourCycle: 'h23',
      });
    } catch {
      throw new InputError(`timeZone: unknown time zone '${timeZone}'`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Throws an InputError unless `timeZone` is an IANA zone Intl knows.
 *
 * @public
 */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** Wall-clock time of instant `t` in the zone, as if it were UTC millis. */
function wallClock(t: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(t)) {
    if (part.type !== 'literal') {
      fields[part.type] = Number(part.value);
    }
  }
  return Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
  );
}

/** The local calendar day (as a day number) that instant `t` falls on. */
export function localDayNumber(t: number, timeZone: string): number {
  if (timeZone === 'UTC') {
    return Math.floor(t / DAY_MS);
  }
  return Math.floor(wallClock(t, timeZone) / DAY_MS);
}

/**
 * The first instant whose local date is on or after `day`: local midnight,
 * or the end of the DST gap where midnight does not exist in that zone.
 * This equals PostgreSQL's `(date_trunc('day', ts AT TIME ZONE tz)) AT TIME
 * ZONE tz` for zones whose transitions are not at midnight.
 */
export function startOfLocalDay(day: number, timeZone: string): number {
  const base = day * DAY_MS;
  if (timeZone === 'UTC') {
    return base;
  }
  const isStart = (t: number) =>
    localDayNumber(t, timeZone) >= day && localDayNumber(t - 1, timeZone) < day;
  // Fast path: subtract the zone offset observed around midnight.
  const first = base - (wallClock(base, timeZone) - base);
  if (isStart(first)) {
    return first;
  }
  const second = base - (wallClock(first, timeZone) - first);
  if (isStart(second)) {
    return second;
  }
  // Fallback for midnight DST transitions: binary search between bounds
  // that are outside every real offset (-12h … +14h).
  let lo = base - 16 * HOUR_MS;
  let hi = base + 14 * HOUR_MS;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDayNumber(mid, timeZone) >= day) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return hi;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: number): number {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Day number of the first day of the month containing `day`. */
export function firstOfMonth(day: number): number {
  const date = new Date(day * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
}

/** Day number of the first day of the month after the one containing `day`. */
export function firstOfNextMonth(day: number): number {
  const date = new Date(day * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
