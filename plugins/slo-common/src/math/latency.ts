import { InputError } from '@backstage/errors';

/** A cumulative Prometheus histogram bucket: events with value ≤ `le`. */
export interface HistogramBucket {
  le: number | '+Inf';
  count: number;
}

/** Good and total events read from histogram buckets. */
export interface LatencyGoodTotal {
  good: number;
  total: number;
  /** The bucket bound used for good events; undefined when none fit. */
  le: number | undefined;
  /** True when no bucket bound equals the threshold. */
  approximated: boolean;
}

function isInf(le: number | '+Inf'): boolean {
  return le === '+Inf' || le === Infinity;
}

// Bucket bounds come from label strings like "0.3", so compare with a tolerance.
function sameBound(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

/**
 * Good events (at or under `thresholdSeconds`) and total events from
 * cumulative histogram buckets. Total is the `+Inf` bucket, which equals
 * `_count`.
 *
 * Without a bucket at exactly the threshold, the largest bound below it is
 * used and `approximated` is set: that undercounts good events, so the SLI
 * errs on the pessimistic side instead of hiding slow requests. With no
 * bound below the threshold, good is 0.
 *
 * @throws InputError without a `+Inf` bucket (the total would be unknown).
 */
export function latencyGoodTotal(
  buckets: HistogramBucket[],
  thresholdSeconds: number,
): LatencyGoodTotal {
  if (!(thresholdSeconds > 0) || !Number.isFinite(thresholdSeconds)) {
    throw new InputError(
      `thresholdSeconds must be a positive number, got ${thresholdSeconds}`,
    );
  }
  for (const b of buckets) {
    if (!Number.isFinite(b.count) || b.count < 0) {
      throw new InputError(
        `histogram bucket le=${b.le} has an invalid count ${b.count}`,
      );
    }
  }
  const inf = buckets.find(b => isInf(b.le));
  if (!inf) {
    throw new InputError(
      'histogram has no +Inf bucket, so the total number of events is unknown',
    );
  }
  const total = inf.count;
  let chosen: { le: number; count: number } | undefined;
  for (const b of buckets) {
    if (isInf(b.le)) {
      continue;
    }
    const le = b.le as number;
    if (sameBound(le, thresholdSeconds)) {
      chosen = { le, count: b.count };
      break;
    }
    if (le < thresholdSeconds && (!chosen || le > chosen.le)) {
      chosen = { le, count: b.count };
    }
  }
  return {
    // Buckets and +Inf can come from different scrapes; good never exceeds total.
    good: chosen ? Math.min(chosen.count, total) : 0,
    total,
    le: chosen?.le,
    approximated: !chosen || !sameBound(chosen.le, thresholdSeconds),
  };
}
