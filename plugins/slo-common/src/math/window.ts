import { InputError } from '@backstage/errors';
import { Window } from '../types';

const DAY = 86400;

/**
 * A window's length for period-relative math (alert factors, budget as
 * time). Calendar windows use nominal lengths, 7, 30 and 90 days, because
 * the Workbook factors assume a fixed period; use {@link windowBounds} for
 * the actual range.
 */
export function nominalWindowSeconds(window: Window): number {
  if (window.kind === 'rolling') {
    return window.seconds;
  }
  return { week: 7, month: 30, quarter: 90 }[window.unit] * DAY;
}

interface LocalDate {
  year: number;
  month: number; // 0-based, like Date
  day: number;
  weekday: number; // 0 = Monday
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
  } catch {
    throw new InputError(`unknown time zone "${timeZone}"`);
  }
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function partsAt(fmt: Intl.DateTimeFormat, ms: number) {
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(ms))) {
    parts[p.type] = p.value;
  }
  return parts;
}

function localDate(fmt: Intl.DateTimeFormat, ms: number): LocalDate {
  const p = partsAt(fmt, ms);
  return {
    year: Number(p.year),
    month: Number(p.month) - 1,
    day: Number(p.day),
    weekday: WEEKDAYS.indexOf(p.weekday),
  };
}

/** Offset of the zone from UTC at an instant, in ms. */
function offsetAt(fmt: Intl.DateTimeFormat, ms: number): number {
  const p = partsAt(fmt, ms);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant of local midnight; two passes settle offsets that change at a DST switch. */
function localMidnight(
  fmt: Intl.DateTimeFormat,
  year: number,
  month: number,
  day: number,
): number {
  const wall = Date.UTC(year, month, day);
  let guess = wall - offsetAt(fmt, wall);
  guess = wall - offsetAt(fmt, guess);
  return guess;
}

/**
 * The time range (epoch seconds, half-open [from, to)) of the window that
 * contains `nowSeconds`. Rolling windows end at now; calendar windows run
 * from the start of the current week (Monday), month or quarter to the
 * start of the next, at midnight in the window's time zone (UTC default).
 */
export function windowBounds(
  window: Window,
  nowSeconds: number,
): { from: number; to: number } {
  if (window.kind === 'rolling') {
    return { from: nowSeconds - window.seconds, to: nowSeconds };
  }
  const fmt = formatter(window.timeZone ?? 'UTC');
  const today = localDate(fmt, nowSeconds * 1000);
  let start: [number, number, number];
  let end: [number, number, number];
  if (window.unit === 'week') {
    const monday = today.day - today.weekday;
    start = [today.year, today.month, monday];
    end = [today.year, today.month, monday + 7];
  } else {
    const months = window.unit === 'month' ? 1 : 3;
    const first = today.month - (today.month % months);
    start = [today.year, first, 1];
    end = [today.year, first + months, 1];
  }
  // Date.UTC normalises overflowing days and months (e.g. month 12 → January).
  const norm = ([y, m, d]: [number, number, number]) => {
    const date = new Date(Date.UTC(y, m, d));
    return localMidnight(
      fmt,
      date.getUTCFullYear(),
      date.getUTCMonth(),
      date.getUTCDate(),
    );
  };
  return { from: norm(start) / 1000, to: norm(end) / 1000 };
}

/**
 * When a budget is evaluated: the end of the newest collected bucket, so every window ends
 * where the data does. Evaluating at the wall clock instead would leave the bucket holding
 * `now` (never complete, never collected) at the end of every window: the 5-minute window
 * would hold no data and each longer one would be a bucket short. `now` when nothing was
 * collected yet.
 */
export function evaluationTime(
  newestBucketStart: number | undefined,
  bucketSeconds: number,
  now: number,
): number {
  if (newestBucketStart === undefined || !Number.isFinite(newestBucketStart)) {
    return now;
  }
  // Buckets written past the clock (skew, a seed) never move the windows into the future.
  return Math.min(newestBucketStart + bucketSeconds, now);
}

/**
 * The half-open ranges [from, to) of bucket starts an SLO's state at `evaluatedAt` sums:
 * its window (rolling: the last `seconds`; calendar: from the start of the period containing
 * `evaluatedAt`) and each alert window of `alertWindows`, all ending at `evaluatedAt`. With
 * `evaluatedAt` at a bucket boundary, a window of w seconds holds exactly w / bucket buckets.
 */
export function evaluationRanges(
  window: Window,
  alertWindows: number[],
  evaluatedAt: number,
): {
  window: { from: number; to: number };
  alertWindows: Array<{ from: number; to: number }>;
} {
  const bounds = windowBounds(window, evaluatedAt);
  return {
    window: { from: bounds.from, to: evaluatedAt },
    alertWindows: alertWindows.map(w => ({
      from: evaluatedAt - w,
      to: evaluatedAt,
    })),
  };
}
