import { Analysis, analyze } from '../analysis';
import { DoraOptions } from '../options';
import { DoraEvents, Window } from '../types';
import { deploymentRatio } from './deploymentRatio';
import { KeyResult } from './result';

/**
 * Deployment rework rate.
 *
 * @public
 */
export interface DeploymentReworkRateResult extends KeyResult {
  key: 'deploymentReworkRate';
  /** Rework deployments of type `hotfix`. */
  hotfixes: number;
  /** Rework deployments that restored service for an incident. */
  restoredIncident: number;
}

/**
 * Deployment rework rate: unplanned fix deployments ÷ completed deployments.
 *
 * @remarks
 * - `denominator`: the same completed deployments as changeFailureRate.
 * - `count`: those that are rework — type `hotfix`, or the deployment that
 *   restored service for an incident: for each resolved incident, the last
 *   (by finish time, then id) successful deployment of the incident's
 *   entity to the environment with `finishedAt` in `[openedAt,
 *   resolvedAt]`. A deployment with both reasons counts once.
 * - `value = count / denominator`, `undefined` without deployments; series
 *   is the ratio per bucket. DORA publishes no tiers for this key, so
 *   `tier` is always `undefined`.
 *
 * @public
 */
export function deploymentReworkRate(
  events: DoraEvents,
  window: Window,
  options?: DoraOptions,
): DeploymentReworkRateResult {
  return deploymentReworkRateOf(analyze(events, options), window);
}

/** deploymentReworkRate over an existing analysis. */
export function deploymentReworkRateOf(
  analysis: Analysis,
  window: Window,
): DeploymentReworkRateResult {
  const { result, counted: rework } = deploymentRatio(
    analysis,
    window,
    'deploymentReworkRate',
    f => f.reworkReasons.length > 0,
  );
  return {
    ...result,
    key: 'deploymentReworkRate',
    hotfixes: rework.filter(f => f.reworkReasons.includes('hotfix')).length,
    restoredIncident: rework.filter(f =>
      f.reworkReasons.includes('restored-incident'),
    ).length,
  };
}
