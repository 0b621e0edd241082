import { InputError } from '@backstage/errors';
import { DAY_MS, HOUR_MS, MONTH_MS, WEEK_MS } from './time';

/**
 * DORA performance tier.
 *
 * @public
 */
export type Tier = 'elite' | 'high' | 'medium' | 'low';

/**
 * Identifier of each of the five keys.
 *
 * @public
 */
export type DoraKey =
  | 'deploymentFrequency'
  | 'changeLeadTime'
  | 'changeFailureRate'
  | 'failedDeploymentRecoveryTime'
  | 'deploymentReworkRate';

/**
 * State of DevOps report years whose benchmark table is available.
 *
 * @public
 */
export type BenchmarkYear = 2023 | 2024;

/** The default benchmark year. @public */
export const DEFAULT_BENCHMARK_YEAR: BenchmarkYear = 2023;

/**
 * One tier boundary: the value must be at least (`better: 'higher'`) or at
 * most (`better: 'lower'`) `limit`; equality passes only when `inclusive`.
 *
 * @public
 */
export interface TierBound {
  limit: number;
  inclusive: boolean;
}

/**
 * Tier boundaries of one key in one report year. A value gets the best tier
 * whose bound it meets; `low` is everything else. A missing tier has no band
 * of its own in that year and is skipped.
 *
 * @public
 */
export interface KeyBenchmark {
  better: 'higher' | 'lower';
  elite: TierBound;
  high: TierBound;
  medium?: TierBound;
}

/**
 * Benchmark tables keyed by report year, then by key. Units match the key
 * results: deployments per day, milliseconds, and ratios in [0, 1]. Keys
 * without published tiers (deployment rework rate) map to `undefined`.
 *
 * @remarks
 * A "month" is 30 days. 2023 is the default; see the README for how each
 * published range became a bound, and for the 2024 bands that collapse.
 *
 * @public
 */
export const DORA_BENCHMARKS: Readonly<
  Record<BenchmarkYear, Readonly<Record<DoraKey, KeyBenchmark | undefined>>>
> = {
  2023: {
    deploymentFrequency: {
      better: 'higher',
      elite: { limit: 1, inclusive: true },
      high: { limit: 1 / 7, inclusive: true },
      medium: { limit: 1 / 30, inclusive: true },
    },
    changeLeadTime: {
      better: 'lower',
      elite: { limit: DAY_MS, inclusive: false },
      high: { limit: WEEK_MS, inclusive: false },
      medium: { limit: MONTH_MS, inclusive: false },
    },
    changeFailureRate: {
      better: 'lower',
      elite: { limit: 0.05, inclusive: true },
      high: { limit: 0.1, inclusive: true },
      medium: { limit: 0.15, inclusive: true },
    },
    failedDeploymentRecoveryTime: {
      better: 'lower',
      elite: { limit: HOUR_MS, inclusive: false },
      high: { limit: DAY_MS, inclusive: false },
      medium: { limit: WEEK_MS, inclusive: false },
    },
    deploymentReworkRate: undefined,
  },
  2024: {
    deploymentFrequency: {
      better: 'higher',
      elite: { limit: 1, inclusive: true },
      high: { limit: 1 / 7, inclusive: true },
      medium: { limit: 1 / 30, inclusive: true },
    },
    changeLeadTime: {
      better: 'lower',
      elite: { limit: DAY_MS, inclusive: false },
      high: { limit: WEEK_MS, inclusive: false },
      medium: { limit: MONTH_MS, inclusive: false },
    },
    // 2024 published medium at 10%, better than high's 20%: no medium band.
    changeFailureRate: {
      better: 'lower',
      elite: { limit: 0.05, inclusive: true },
      high: { limit: 0.2, inclusive: true },
    },
    // 2024 published "less than one day" for both high and medium.
    failedDeploymentRecoveryTime: {
      better: 'lower',
      elite: { limit: HOUR_MS, inclusive: false },
      high: { limit: DAY_MS, inclusive: false },
    },
    deploymentReworkRate: undefined,
  },
};

function meets(
  value: number,
  bound: TierBound,
  better: KeyBenchmark['better'],
): boolean {
  if (better === 'higher') {
    return bound.inclusive ? value >= bound.limit : value > bound.limit;
  }
  return bound.inclusive ? value <= bound.limit : value < bound.limit;
}

/**
 * The tier of `value` for `key` in the given report year, or `undefined`
 * when there is no value or the key has no benchmark that year.
 *
 * @public
 */
export function classifyTier(
  key: DoraKey,
  value: number | undefined,
  year: BenchmarkYear = DEFAULT_BENCHMARK_YEAR,
): Tier | undefined {
  const table = DORA_BENCHMARKS[year];
  if (!table) {
    throw new InputError(
      `benchmarkYear: must be one of ${Object.keys(DORA_BENCHMARKS).join(
        ', ',
      )}`,
    );
  }
  const benchmark = table[key];
  if (value === undefined || benchmark === undefined) {
    return undefined;
  }
  for (const tier of ['elite', 'high', 'medium'] as const) {
    const bound = benchmark[tier];
    if (bound && meets(value, bound, benchmark.better)) {
      return tier;
    }
  }
  return 'low';
}
