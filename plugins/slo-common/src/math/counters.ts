/**
 * The increase of a Prometheus counter over raw samples `[t, value]`, with
 * counter resets handled the way Prometheus does: a drop means the process
 * restarted from 0, so the new value counts in full.
 *
 * Unlike PromQL `increase()` this does not extrapolate to range boundaries:
 * rollup buckets are summed, and extrapolated increases of adjacent buckets
 * would overlap and overcount.
 *
 * Undefined with fewer than two usable samples (no increase is observable).
 * Non-finite values (Prometheus staleness markers) are skipped.
 */
export function increaseFromSamples(
  samples: Array<[number, number]>,
): number | undefined {
  const usable = samples
    .filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v))
    .sort((a, b) => a[0] - b[0]);
  if (usable.length < 2) {
    return undefined;
  }
  let increase = 0;
  for (let i = 1; i < usable.length; i++) {
    const previous = usable[i - 1][1];
    const current = usable[i][1];
    increase += current >= previous ? current - previous : current;
  }
  return increase;
}

/** One counter series at one bucket edge: its samples in (t − bucket, t]. */
export interface CounterEdge {
  /** The edge, epoch seconds: the end of the bucket starting at t − bucket. */
  t: number;
  /** The newest sample's value (`last_over_time`). */
  last: number;
  /** The largest sample's value (`max_over_time`); above `last` only after a restart. */
  max: number;
  /**
   * The smallest sample's value (`min_over_time`); below the previous edge's `last` only after
   * a restart. Default `last`.
   */
  min?: number;
}

/**
 * Events per bucket of one counter series from its values at bucket edges, the way
 * Prometheus' `increase()` counts them but without extrapolation: each increment between two
 * consecutive samples lands in the bucket of the later one.
 *
 * - A scrape gap: edges without samples are absent; the next edge is differenced against the
 *   newest earlier one, so everything counted during the gap lands in the bucket of the first
 *   sample after it.
 * - A restart inside the bucket after its peak (`max` above `last`): the rise up to `max`, then
 *   the new value in full.
 * - Otherwise a restart before the bucket's newest sample (`min` below the previous value):
 *   the new value in full, however far it climbed, so a small counter (errors) that restarts
 *   and passes its old value within the bucket is still counted.
 * - Two restarts in one bucket, or a restarted counter climbing past its old peak within the
 *   bucket that also saw the old process, undercount by the rise before the restart.
 * - A series' first edge only sets its baseline (as `increase()`, nothing before the first
 *   sample is counted) and gives its bucket 0 events, so the bucket is known to have data.
 *
 * Returns events by bucket start for buckets starting at or after `from`; edges before it
 * only provide the baseline.
 */
export function edgeIncrements(
  edges: CounterEdge[],
  bucketSeconds: number,
  from: number,
): Map<number, number> {
  const sorted = edges
    .filter(e => [e.last, e.max, e.min ?? e.last].every(Number.isFinite))
    .sort((a, b) => a.t - b.t);
  const out = new Map<number, number>();
  let previous: number | undefined;
  for (const { t, last, max, min = last } of sorted) {
    const start = t - bucketSeconds;
    if (start >= from) {
      let events = 0;
      if (previous !== undefined) {
        if (max > last) {
          events = (max >= previous ? max - previous : max) + last;
        } else if (min < previous) {
          events = last;
        } else {
          events = last - previous;
        }
      }
      out.set(start, events);
    }
    previous = last;
  }
  return out;
}
