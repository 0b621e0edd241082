import { Analysis, analyze } from '../analysis';
import { PrSample } from '../facts/changeFacts';
import { DoraOptions, inScope } from '../options';
import { median, percentile } from '../stats';
import { MsRange, inRange, resolveWindow } from '../time';
import { DoraEvents, Window } from '../types';
import { KeyResult, buildKeyResult } from './result';

/**
 * Median of one PR stage and how many PRs it was computed from.
 *
 * @public
 */
export interface StageStat {
  median: number | undefined;
  count: number;
}

/**
 * Median duration of each PR stage in milliseconds.
 *
 * @public
 */
export interface LeadTimeBreakdown {
  /** First commit authored → PR created. */
  coding: StageStat;
  /** PR created → first review. */
  pickup: StageStat;
  /** First review → PR merged. */
  review: StageStat;
  /** PR merged → first deployment to the environment. */
  deploy: StageStat;
}

/**
 * Change lead time.
 *
 * @public
 */
export interface ChangeLeadTimeResult extends KeyResult {
  key: 'changeLeadTime';
  /** Same as `value`: nearest-rank median lead time in milliseconds. */
  median: number | undefined;
  /** Nearest-rank 90th percentile lead time in milliseconds. */
  p90: number | undefined;
  /** PR stage medians over the PRs deployed in the window. */
  breakdown: LeadTimeBreakdown;
  /** Number of (PR, entity) samples behind the breakdown. */
  pullRequests: number;
  /**
   * How far the samples can be trusted: of the successful deployments in
   * the window, how many deployed only commits some source reported (whose
   * ancestry is therefore known). The others delivered nothing countable.
   */
  coverage: LeadTimeCoverage;
}

/**
 * Ancestry coverage of a lead-time figure.
 *
 * @public
 */
export interface LeadTimeCoverage {
  /** Successful deployments to the environment in the window. */
  deployments: number;
  /** Those whose every commit is known to a source. */
  ancestryKnown: number;
}

/**
 * Change lead time: commit → first successful deployment to the
 * environment that delivers the commit.
 *
 * @remarks
 * - A deployment delivers every commit reachable from its `commitShas`
 *   through the reported parent edges that no earlier successful deployment
 *   of the same entity and environment delivered.
 * - A sample is a (change, entity) pair; its deployment is the first
 *   successful deployment (by finish time, then id) of that entity to the
 *   environment that delivers the SHA and finished at or after
 *   `committedAt` (restricted to the change's own entity when it has one).
 *   Lead time = `deployment.finishedAt − committedAt`.
 * - A sample belongs to the window (and bucket) its deployment finished in.
 * - `value`/`median` and `p90` are nearest-rank percentiles; `count` is the
 *   number of samples; `series` is the median per bucket (`undefined` when
 *   empty). Tier from the median (2023: elite < 1 day, high < 1 week,
 *   medium < 30 days, else low).
 *
 * @public
 */
export function changeLeadTime(
  events: DoraEvents,
  window: Window,
  options?: DoraOptions,
): ChangeLeadTimeResult {
  return changeLeadTimeOf(analyze(events, options), window);
}

/** changeLeadTime over an existing analysis. */
export function changeLeadTimeOf(
  analysis: Analysis,
  window: Window,
): ChangeLeadTimeResult {
  const { options } = analysis;
  const samples = analysis.leadTimes.filter(s => inScope(options, s.entityRef));
  const within = (range: MsRange) =>
    samples.filter(s => inRange(s.deployedAt, range)).map(s => s.leadTimeMs);
  const result = buildKeyResult({
    key: 'changeLeadTime',
    unit: 'milliseconds',
    analysis,
    window,
    summarize: range => {
      const leadTimes = within(range);
      return {
        value: median(leadTimes),
        count: leadTimes.length,
        denominator: undefined,
      };
    },
  });
  const range = resolveWindow(window);
  const prs = analysis.prs.filter(
    pr => inScope(options, pr.entityRef) && inRange(pr.deployedAt, range),
  );
  return {
    ...result,
    key: 'changeLeadTime',
    median: result.value,
    p90: percentile(within(range), 90),
    breakdown: {
      coding: stageStat(prs, 'coding'),
      pickup: stageStat(prs, 'pickup'),
      review: stageStat(prs, 'review'),
      deploy: stageStat(prs, 'deploy'),
    },
    pullRequests: prs.length,
    coverage: coverageOf(analysis, range),
  };
}

function stageStat(
  prs: readonly PrSample[],
  stage: keyof LeadTimeBreakdown,
): StageStat {
  const durations = prs
    .map(pr => pr[stage])
    .filter((d): d is number => d !== undefined);
  return { median: median(durations), count: durations.length };
}

function coverageOf(analysis: Analysis, range: MsRange): LeadTimeCoverage {
  const deployed = analysis.deployments.filter(
    f =>
      f.deployment.status === 'success' &&
      inScope(analysis.options, f.deployment.entityRef) &&
      inRange(f.deployment.t, range),
  );
  return {
    deployments: deployed.length,
    ancestryKnown: deployed.filter(f => f.ancestryKnown).length,
  };
}
