import { Analysis, analyze } from '../analysis';
import { DoraOptions, inScope } from '../options';
import { median, percentile } from '../stats';
import { MsRange, inRange, resolveWindow } from '../time';
import { DoraEvents, Window } from '../types';
import { KeyResult, buildKeyResult } from './result';

/**
 * Failed deployment recovery time.
 *
 * @public
 */
export interface FailedDeploymentRecoveryTimeResult extends KeyResult {
  key: 'failedDeploymentRecoveryTime';
  /** Same as `value`: nearest-rank median recovery time in milliseconds. */
  median: number | undefined;
  /** Nearest-rank 90th percentile recovery time in milliseconds. */
  p90: number | undefined;
  /** Failed deployments in the window, recovered or not. */
  failed: number;
  /** Failed deployments with no restoration yet; excluded from the median. */
  unrecovered: number;
}

/**
 * Failed deployment recovery time: how long service stayed degraded after
 * a failed deployment.
 *
 * @remarks
 * - Population: failed deployments (exactly as in changeFailureRate) with
 *   `finishedAt` in the window.
 * - Restored at the earliest of: `resolvedAt` of any incident linked to the
 *   deployment (resolutions before `finishedAt` are ignored) and
 *   `finishedAt` of the next successful deployment (any type, rollbacks
 *   included) of the same entity and environment. Recovery time =
 *   restored − `finishedAt` of the failed deployment.
 * - `count`: recovered deployments; `unrecovered` ones are excluded from
 *   the median and counted separately. Series: median per bucket,
 *   `undefined` for empty buckets. Tier from the median (2023: elite < 1
 *   hour, high < 1 day, medium < 1 week, else low).
 *
 * @public
 */
export function failedDeploymentRecoveryTime(
  events: DoraEvents,
  window: Window,
  options?: DoraOptions,
): FailedDeploymentRecoveryTimeResult {
  return failedDeploymentRecoveryTimeOf(analyze(events, options), window);
}

/** failedDeploymentRecoveryTime over an existing analysis. */
export function failedDeploymentRecoveryTimeOf(
  analysis: Analysis,
  window: Window,
): FailedDeploymentRecoveryTimeResult {
  const failed = analysis.deployments.filter(
    f =>
      f.failureReasons.length > 0 &&
      inScope(analysis.options, f.deployment.entityRef),
  );
  const within = (range: MsRange) =>
    failed.filter(f => inRange(f.deployment.t, range));
  const recoveryTimes = (range: MsRange) =>
    within(range)
      .filter(f => f.restoredAt !== undefined)
      .map(f => f.restoredAt! - f.deployment.t);
  const result = buildKeyResult({
    key: 'failedDeploymentRecoveryTime',
    unit: 'milliseconds',
    analysis,
    window,
    summarize: range => {
      const times = recoveryTimes(range);
      return {
        value: median(times),
        count: times.length,
        denominator: undefined,
      };
    },
  });
  const range = resolveWindow(window);
  const failedInWindow = within(range).length;
  return {
    ...result,
    key: 'failedDeploymentRecoveryTime',
    median: result.value,
    p90: percentile(recoveryTimes(range), 90),
    failed: failedInWindow,
    unrecovered: failedInWindow - result.count,
  };
}
