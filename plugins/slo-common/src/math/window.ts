import { InputError } from '@backstage/errors';
import { calendarPeriod, isTimeZone } from '@internal/portal-common';
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
  const timeZone = window.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) {
    throw new InputError(`unknown time zone "${timeZone}"`);
  }
  const { from, to } = calendarPeriod(nowSeconds * 1000, window.unit, timeZone);
  return { from: from / 1000, to: to / 1000 };
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
