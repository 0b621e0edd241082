import { InputError } from '@backstage/errors';
import { budgetRemaining, burnRate, errorRatio, sli } from './budget';

/** Good and total event counts of one rollup bucket starting at `start` (epoch seconds). */
export interface RollupBucket {
  start: number;
  good: number;
  total: number;
}

/** One point of a budget history chart. */
export interface SeriesPoint {
  /** Exclusive end of the window the point summarises. */
  t: number;
  sli: number | undefined;
  remaining: number | undefined;
  /** Average burn rate over the whole window. */
  burnRate: number | undefined;
  /**
   * Burn rate over the step ending at `t` (the last hour at a 1h step): what the short alert
   * windows see, where the whole-window average hides a fast burn.
   */
  recentBurnRate: number | undefined;
}

/**
 * Sums the buckets whose start lies in the half-open range [from, to).
 * Half-open so adjacent ranges never count a bucket twice; a bucket is
 * attributed to the range containing its start.
 */
export function aggregate(
  buckets: RollupBucket[],
  from: number,
  to: number,
): { good: number; total: number } {
  let good = 0;
  let total = 0;
  for (const b of buckets) {
    if (b.start >= from && b.start < to) {
      good += b.good;
      total += b.total;
    }
  }
  return { good, total };
}

// Guards against a unit mix-up (ms vs s) producing millions of points.
const MAX_POINTS = 100_000;

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/**
 * A rolling-window history: at each step t, the SLI, remaining budget and
 * burn rate of the window [t − windowSeconds, t).
 *
 * By default t runs from the first bucket's start + step to the last
 * bucket's start + step, so the last point includes the newest bucket; pick
 * a step that is a multiple of the bucket size. Early points cover a partly
 * empty window and say so only through their smaller totals.
 */
export function rollingWindowSeries(
  buckets: RollupBucket[],
  windowSeconds: number,
  stepSeconds: number,
  target: number,
  range?: { from: number; to: number },
): SeriesPoint[] {
  if (!(windowSeconds > 0) || !(stepSeconds > 0)) {
    throw new InputError(
      `windowSeconds and stepSeconds must be positive, got ${windowSeconds} and ${stepSeconds}`,
    );
  }
  const sorted = [...buckets].sort((a, b) => a.start - b.start);
  if (!range && sorted.length === 0) {
    return [];
  }
  const from = range?.from ?? sorted[0].start + stepSeconds;
  const to = range?.to ?? sorted[sorted.length - 1].start + stepSeconds;
  if ((to - from) / stepSeconds > MAX_POINTS) {
    throw new InputError(
      `rollingWindowSeries would produce more than ${MAX_POINTS} points; use a larger step`,
    );
  }

  // Prefix sums make each point O(log n) instead of a scan over all buckets.
  const starts = sorted.map(b => b.start);
  const goodSums = [0];
  const totalSums = [0];
  for (const b of sorted) {
    goodSums.push(goodSums[goodSums.length - 1] + b.good);
    totalSums.push(totalSums[totalSums.length - 1] + b.total);
  }

  const points: SeriesPoint[] = [];
  for (let t = from; t <= to; t += stepSeconds) {
    const lo = lowerBound(starts, t - windowSeconds);
    const hi = lowerBound(starts, t);
    const good = goodSums[hi] - goodSums[lo];
    const total = totalSums[hi] - totalSums[lo];
    const recentLo = lowerBound(starts, t - stepSeconds);
    const recentGood = goodSums[hi] - goodSums[recentLo];
    const recentTotal = totalSums[hi] - totalSums[recentLo];
    points.push({
      t,
      sli: sli(good, total),
      remaining: budgetRemaining({ good, total, target }),
      burnRate: burnRate(errorRatio(good, total), target),
      recentBurnRate: burnRate(errorRatio(recentGood, recentTotal), target),
    });
  }
  return points;
}
