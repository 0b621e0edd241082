import { InputError } from '@backstage/errors';
import { calendarPeriod } from '@internal/portal-common';
import { assertTimeZone, resolveWindow } from './time';
import { Window } from './types';

/**
 * Calendar bucket size: local days, ISO weeks (Monday start) or calendar
 * months.
 *
 * @public
 */
export type BucketUnit = 'day' | 'week' | 'month';

/**
 * One calendar bucket. `from`/`to` are the bucket's full bounds in epoch
 * milliseconds (half-open); the first and last bucket may extend beyond the
 * window they were made for.
 *
 * @public
 */
export interface Bucket {
  /** ISO instant (UTC) at which the bucket starts: local midnight. */
  bucketStart: string;
  /** Local calendar date the bucket starts on, `YYYY-MM-DD`. */
  localDate: string;
  from: number;
  to: number;
}

/**
 * A bucket with the number of times that fell into it.
 *
 * @public
 */
export interface CountedBucket extends Bucket {
  count: number;
}

// Guards the API against windows like "daily buckets for 1000 years".
const MAX_BUCKETS = 10_000;

/**
 * The calendar buckets covering `window`, in order, including every empty
 * one: from the bucket containing `window.from` to the bucket containing the
 * last instant before `window.to`.
 *
 * @remarks
 * Bucket boundaries are local midnights in `timeZone`, so a Europe/Berlin
 * day bucket is 23 or 25 hours long across a DST change.
 *
 * @public
 */
export function bucketRanges(
  window: Window,
  unit: BucketUnit,
  timeZone: string = 'UTC',
): Bucket[] {
  const range = resolveWindow(window);
  assertTimeZone(timeZone);
  if (unit !== 'day' && unit !== 'week' && unit !== 'month') {
    throw new InputError(`bucket: must be one of day, week, month`);
  }
  const buckets: Bucket[] = [];
  let bucket = calendarPeriod(range.from, unit, timeZone);
  while (bucket.from < range.to) {
    if (buckets.length >= MAX_BUCKETS) {
      throw new InputError(
        `window: more than ${MAX_BUCKETS} ${unit} buckets; use a larger bucket`,
      );
    }
    buckets.push({
      bucketStart: new Date(bucket.from).toISOString(),
      localDate: bucket.startDate,
      from: bucket.from,
      to: bucket.to,
    });
    bucket = calendarPeriod(bucket.to, unit, timeZone);
  }
  return buckets;
}

/**
 * Index of the bucket containing `t`, or -1 when `t` is outside all of them.
 * Buckets must be contiguous and ordered, as `bucketRanges` returns them.
 */
export function bucketIndex(buckets: readonly Bucket[], t: number): number {
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t < buckets[mid].from) {
      hi = mid - 1;
    } else if (t >= buckets[mid].to) {
      lo = mid + 1;
    } else {
      return mid;
    }
  }
  return -1;
}

/**
 * Counts `times` per calendar bucket over `window`. Times outside the window
 * are ignored even when they fall into a partial edge bucket, and every
 * bucket is returned, empty ones with count 0.
 *
 * @public
 */
export function bucketize(
  times: ReadonlyArray<Date | number | string>,
  window: Window,
  unit: BucketUnit,
  timeZone: string = 'UTC',
): CountedBucket[] {
  const range = resolveWindow(window);
  const buckets: CountedBucket[] = bucketRanges(window, unit, timeZone).map(
    b => ({ ...b, count: 0 }),
  );
  for (const time of times) {
    const t = toInstant(time);
    if (t >= range.from && t < range.to) {
      const i = bucketIndex(buckets, t);
      if (i >= 0) {
        buckets[i].count += 1;
      }
    }
  }
  return buckets;
}

function toInstant(time: Date | number | string): number {
  if (time instanceof Date) {
    return time.getTime();
  }
  return typeof time === 'number' ? time : Date.parse(time);
}
