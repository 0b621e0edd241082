import {
  Bucket,
  DEFAULT_BENCHMARK_YEAR,
  DoraKey,
  DoraMetrics,
  MsRange,
  classifyTier,
  median,
  ratio,
  trendOf,
} from '@internal/plugin-dora-common';
import type { PrStage } from '../database/operations/binnedValues';
import type {
  Counts,
  Percentiles,
  MedianStat,
} from '../database/operations/readAggregates';

/** Aggregates per segment (0: previous window, i ≥ 1: bucket i − 1 clipped to the window). */
export interface Aggregates {
  range: MsRange;
  buckets: Bucket[];
  counts: Counts[];
  leadTimes: Percentiles;
  recoveries: Percentiles;
  prs: { pullRequests: number; stages: Record<PrStage, MedianStat> };
  deploymentDaysPerWeek: number[];
  /** Window length in days. */
  days: number;
}

/**
 * Builds the API's five keys from SQL aggregates the way dora-common's key functions build them
 * from events (buildKeyResult: value, tier, trend vs the previous window, clipped bucket series).
 */
export function assembleMetrics(a: Aggregates): DoraMetrics {
  const windowCounts = a.counts.slice(1).reduce((sum, c) => {
    const total = { ...sum };
    for (const k of Object.keys(c) as (keyof Counts)[]) total[k] += c[k];
    return total;
  });
  const prevCounts = a.counts[0];
  const seriesOf = (value: (segment: number) => number | undefined) =>
    a.buckets.map((b, i) => ({
      bucketStart: b.bucketStart,
      value: value(i + 1),
    }));
  const common = (
    key: DoraKey,
    value: number | undefined,
    previous: number | undefined,
    series: (segment: number) => number | undefined,
  ) => ({
    key,
    value,
    tier: classifyTier(key, value, DEFAULT_BENCHMARK_YEAR),
    trend: trendOf(key, value, previous),
    series: seriesOf(series),
  });

  const ratioKey = (
    key: 'changeFailureRate' | 'deploymentReworkRate',
    counted: keyof Counts,
  ) => ({
    ...common(
      key,
      ratio(windowCounts[counted], windowCounts.completed),
      ratio(prevCounts[counted], prevCounts.completed),
      s => ratio(a.counts[s][counted], a.counts[s].completed),
    ),
    unit: 'ratio' as const,
    count: windowCounts[counted],
    denominator: windowCounts.completed,
  });

  const lead = a.leadTimes;
  const recovery = a.recoveries;
  return {
    deploymentFrequency: {
      ...common(
        'deploymentFrequency',
        windowCounts.successes / a.days,
        prevCounts.successes / a.days,
        s => a.counts[s].successes,
      ),
      key: 'deploymentFrequency',
      unit: 'deployments-per-day',
      count: windowCounts.successes,
      denominator: a.days,
      medianDeploymentDaysPerWeek: median(a.deploymentDaysPerWeek),
      fullWeeks: a.deploymentDaysPerWeek.length,
    },
    changeLeadTime: {
      ...common(
        'changeLeadTime',
        lead.window.median,
        lead.segments[0].median,
        s => lead.segments[s].median,
      ),
      key: 'changeLeadTime',
      unit: 'milliseconds',
      count: lead.window.count,
      denominator: undefined,
      median: lead.window.median,
      p90: lead.window.p90,
      breakdown: a.prs.stages,
      pullRequests: a.prs.pullRequests,
      coverage: {
        deployments: windowCounts.successes,
        ancestryKnown: windowCounts.ancestry_known,
      },
    },
    changeFailureRate: {
      ...ratioKey('changeFailureRate', 'failed'),
      key: 'changeFailureRate',
      reasons: {
        failed: windowCounts.failed_status,
        rolledBack: windowCounts.rolled_back,
        followedByRollback: windowCounts.followed_by_rollback,
        replacedByAncestor: windowCounts.replaced_by_ancestor,
        causedIncident: windowCounts.caused_incident,
      },
      inferredOnly: windowCounts.inferred_only,
    },
    failedDeploymentRecoveryTime: {
      ...common(
        'failedDeploymentRecoveryTime',
        recovery.window.median,
        recovery.segments[0].median,
        s => recovery.segments[s].median,
      ),
      key: 'failedDeploymentRecoveryTime',
      unit: 'milliseconds',
      count: recovery.window.count,
      denominator: undefined,
      median: recovery.window.median,
      p90: recovery.window.p90,
      failed: windowCounts.failed,
      unrecovered: windowCounts.failed - recovery.window.count,
    },
    deploymentReworkRate: {
      ...ratioKey('deploymentReworkRate', 'rework'),
      key: 'deploymentReworkRate',
      hotfixes: windowCounts.hotfixes,
      restoredIncident: windowCounts.restored_incident,
    },
  };
}
