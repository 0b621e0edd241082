import { InputError } from '@backstage/errors';
import {
  BenchmarkYear,
  DEFAULT_BENCHMARK_YEAR,
  DORA_BENCHMARKS,
} from './benchmarks';
import { BucketUnit } from './buckets';
import { normalizeEntityRefSet } from './entityRef';
import { assertTimeZone } from './time';

/**
 * Options shared by the five key functions. Every field has a default.
 *
 * @public
 */
export interface DoraOptions {
  /** Environment the keys are about; default `production`. */
  environment?: string;
  /**
   * Restricts the counted deployments (and their changes) to these
   * entities; team, system and org views pass their member set. Default:
   * all entities. Linking and "next deployment" look-ups always see the
   * whole history, so a group result is exactly the union of its members.
   */
  entityRefs?: ReadonlySet<string>;
  /** Series bucket size; default `week`. */
  bucket?: BucketUnit;
  /** IANA zone for bucket boundaries and deployment days; default `UTC`. */
  timeZone?: string;
  /** Benchmark table for tiers; default 2023. */
  benchmarkYear?: BenchmarkYear;
  /** Look-back of the time-window incident link fallback; default 24. */
  timeWindowHours?: number;
  /**
   * Whether time-window (inferred) incident links count towards change
   * failure, recovery and rework; default `true`.
   */
  includeInferredLinks?: boolean;
}

/** DoraOptions with defaults applied and references canonicalised. */
export interface ResolvedOptions {
  environment: string;
  entityRefs: ReadonlySet<string> | undefined;
  bucket: BucketUnit;
  timeZone: string;
  benchmarkYear: BenchmarkYear;
  timeWindowHours: number;
  includeInferredLinks: boolean;
}

/** The default look-back of the time-window incident link, in hours. @public */
export const DEFAULT_TIME_WINDOW_HOURS = 24;

/** Applies defaults and rejects options an API caller could get wrong. */
export function resolveOptions(options: DoraOptions = {}): ResolvedOptions {
  const bucket = options.bucket ?? 'week';
  if (!['day', 'week', 'month'].includes(bucket)) {
    throw new InputError('bucket: must be one of day, week, month');
  }
  const timeZone = options.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  const benchmarkYear = options.benchmarkYear ?? DEFAULT_BENCHMARK_YEAR;
  if (!DORA_BENCHMARKS[benchmarkYear]) {
    throw new InputError(
      `benchmarkYear: must be one of ${Object.keys(DORA_BENCHMARKS).join(
        ', ',
      )}`,
    );
  }
  return {
    environment: (options.environment ?? 'production').toLowerCase(),
    entityRefs: options.entityRefs && normalizeEntityRefSet(options.entityRefs),
    bucket,
    timeZone,
    benchmarkYear,
    timeWindowHours: options.timeWindowHours ?? DEFAULT_TIME_WINDOW_HOURS,
    includeInferredLinks: options.includeInferredLinks ?? true,
  };
}

/** Whether an entity is in scope of the resolved options. */
export function inScope(options: ResolvedOptions, entityRef: string): boolean {
  return !options.entityRefs || options.entityRefs.has(entityRef);
}
