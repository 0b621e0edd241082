import { Analysis } from '../analysis';
import { DoraKey, Tier, classifyTier } from '../benchmarks';
import { bucketRanges } from '../buckets';
import { MsRange, previousWindow, resolveWindow } from '../time';
import { Window } from '../types';

/**
 * Unit of a key's `value`: deployments per day, milliseconds, or a ratio in
 * [0, 1].
 *
 * @public
 */
export type MetricUnit = 'deployments-per-day' | 'milliseconds' | 'ratio';

/**
 * One point of a key's series. `value` is `undefined` (never `NaN`) for a
 * median or ratio with no data in the bucket; counts are 0 instead.
 *
 * @public
 */
export interface SeriesPoint {
  /** ISO instant of the bucket start (local midnight in the time zone). */
  bucketStart: string;
  value: number | undefined;
}

/**
 * Comparison with the window of the same length immediately before.
 *
 * @public
 */
export interface Trend {
  /** The key's value over the previous window. */
  previous: number | undefined;
  /** `value − previous`; `undefined` unless both exist. */
  delta: number | undefined;
  /** Whether the change is an improvement for this key. */
  direction: 'better' | 'worse' | 'unchanged' | undefined;
}

/**
 * Fields every key result has.
 *
 * @public
 */
export interface KeyResult {
  key: DoraKey;
  unit: MetricUnit;
  /** `undefined` means "no data", never zero. */
  value: number | undefined;
  /** `undefined` when there is no value or no benchmark for the key. */
  tier: Tier | undefined;
  /** Number of items the value is computed from (see each key). */
  count: number;
  /** What `count` is divided by, for rates; otherwise `undefined`. */
  denominator: number | undefined;
  trend: Trend;
  series: SeriesPoint[];
}

/** What a key computes for one half-open range. */
export interface Summary {
  value: number | undefined;
  count: number;
  denominator: number | undefined;
}

const HIGHER_IS_BETTER: ReadonlySet<DoraKey> = new Set(['deploymentFrequency']);

/** Improvement direction of a change from `previous` to `value`. */
export function trendOf(
  key: DoraKey,
  value: number | undefined,
  previous: number | undefined,
): Trend {
  if (value === undefined || previous === undefined) {
    return { previous, delta: undefined, direction: undefined };
  }
  const delta = value - previous;
  let direction: Trend['direction'] = 'unchanged';
  if (delta !== 0) {
    const improved = HIGHER_IS_BETTER.has(key) ? delta > 0 : delta < 0;
    direction = improved ? 'better' : 'worse';
  }
  return { previous, delta, direction };
}

/**
 * Runs a key's `summarize` over the window, the previous window and every
 * bucket, and assembles the result.
 *
 * @remarks
 * Each bucket is summarised over its intersection with the window, so a
 * partial first or last bucket never includes events outside the window
 * even though its `bucketStart` may lie before `window.from`.
 */
export function buildKeyResult<S extends Summary>(spec: {
  key: DoraKey;
  unit: MetricUnit;
  analysis: Analysis;
  window: Window;
  summarize: (range: MsRange) => S;
  /** Series value of a bucket summary; default its `value`. */
  seriesValue?: (summary: S) => number | undefined;
}): KeyResult & S {
  const { key, analysis, summarize } = spec;
  const { bucket, timeZone, benchmarkYear } = analysis.options;
  const range = resolveWindow(spec.window);
  const summary = summarize(range);
  const previous = summarize(previousWindow(range)).value;
  const seriesValue = spec.seriesValue ?? ((s: S) => s.value);
  const series = bucketRanges(range, bucket, timeZone).map(b => ({
    bucketStart: b.bucketStart,
    value: seriesValue(
      summarize({
        from: Math.max(b.from, range.from),
        to: Math.min(b.to, range.to),
      }),
    ),
  }));
  return {
    ...summary,
    key,
    unit: spec.unit,
    tier: classifyTier(key, summary.value, benchmarkYear),
    trend: trendOf(key, summary.value, previous),
    series,
  };
}
