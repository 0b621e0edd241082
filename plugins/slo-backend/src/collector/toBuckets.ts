import {
  CounterSelectors,
  RollupBucket,
  WindowedQueries,
  edgeIncrements,
} from '@internal/plugin-slo-common';
import { CollectionTarget } from './planCollection';

/** The newest, largest and smallest value of each series of a counter per bucket edge. */
export function edgeQueries(
  selector: string,
  bucket: number,
): { last: string; max: string; min: string } {
  // A bucket edge t reads the samples in (t − bucket, t]: Prometheus 3 leaves the left end
  // out of a range, Prometheus 2 keeps it; a millisecond shorter is (t − bucket, t] in both.
  const range = `${bucket * 1000 - 1}ms`;
  return {
    last: `last_over_time(${selector}[${range}])`,
    max: `max_over_time(${selector}[${range}])`,
    min: `min_over_time(${selector}[${range}])`,
  };
}

/**
 * How one SLO is collected: from its counters' values at bucket edges when its queries sum
 * counters (`counters`), else by evaluating its queries over each bucket (`queries`).
 */
export type Target = CollectionTarget &
  (
    | { counters: CounterSelectors; queries?: undefined }
    | { queries: WindowedQueries; counters?: undefined }
  );

/** Values by series (label set) by evaluation time, per expression. */
export type Results = Map<string, Map<string, Map<number, number>>>;

/** Per bucket start, a query's values summed over its series (the value at t is the bucket ending at t). */
function perBucket(
  results: Results,
  bucket: number,
  expr?: string,
): Map<number, number> {
  const sums = new Map<number, number>();
  for (const values of (expr ? results.get(expr) : undefined)?.values() ?? []) {
    for (const [t, v] of values) {
      const start = t - bucket;
      sums.set(start, (sums.get(start) ?? 0) + v);
    }
  }
  return sums;
}

/** Per bucket start, a counter's events summed over its series, each differenced on its own. */
function counterEvents(
  results: Results,
  selector: string | undefined,
  from: number,
  bucket: number,
): Map<number, number> {
  const sums = new Map<number, number>();
  if (!selector) return sums;
  const { last, max, min } = edgeQueries(selector, bucket);
  const maxima = results.get(max);
  const minima = results.get(min);
  for (const [key, values] of results.get(last) ?? []) {
    const peaks = maxima?.get(key);
    const lows = minima?.get(key);
    const edges = [...values].map(([t, v]) => ({
      t,
      last: v,
      max: peaks?.get(t) ?? v,
      min: lows?.get(t) ?? v,
    }));
    for (const [start, events] of edgeIncrements(edges, bucket, from)) {
      sums.set(start, (sums.get(start) ?? 0) + events);
    }
  }
  return sums;
}

/**
 * Buckets from per-expression values. A bucket without a total is no data and is not written;
 * a missing good or bad series next to a total means no such events (Prometheus has no series
 * for a label value that never occurred).
 */
export function toBuckets(
  target: Target,
  results: Results,
  to: number,
  bucket: number,
): RollupBucket[] {
  let good: Map<number, number> | undefined;
  let bad: Map<number, number> | undefined;
  let total: Map<number, number>;
  let ratio: Map<number, number> | undefined;
  if (target.counters) {
    const { counters } = target;
    total = counterEvents(results, counters.total, target.from, bucket);
    if (counters.good)
      good = counterEvents(results, counters.good, target.from, bucket);
    else bad = counterEvents(results, counters.bad, target.from, bucket);
  } else {
    const { queries } = target;
    const scale = queries.perSecond ? bucket : 1;
    const scaled = (m: Map<number, number>) =>
      new Map([...m].map(([k, v]) => [k, v * scale]));
    ratio = queries.errorRatio
      ? perBucket(results, bucket, queries.errorRatio)
      : undefined;
    total = scaled(perBucket(results, bucket, queries.total));
    if (queries.good) good = scaled(perBucket(results, bucket, queries.good));
    else bad = scaled(perBucket(results, bucket, queries.bad));
  }
  const buckets: RollupBucket[] = [];
  for (let start = target.from; start < to; start += bucket) {
    let g: number;
    let t: number;
    if (ratio) {
      // An error ratio carries no event count: each bucket with data weighs 1.
      const r = ratio.get(start);
      if (r === undefined) continue;
      t = 1;
      g = 1 - r;
    } else {
      const counted = total.get(start);
      if (counted === undefined) continue;
      t = counted;
      g = good ? good.get(start) ?? 0 : t - (bad?.get(start) ?? 0);
    }
    t = Math.max(0, t);
    // Separate queries can disagree by a scrape; good stays within [0, total].
    buckets.push({ start, good: Math.min(Math.max(g, 0), t), total: t });
  }
  return buckets;
}
