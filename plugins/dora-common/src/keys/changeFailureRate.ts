import { Analysis, analyze } from '../analysis';
import { DeploymentFact } from '../facts/deploymentFacts';
import { DoraOptions } from '../options';
import { DoraEvents, Window } from '../types';
import { deploymentRatio } from './deploymentRatio';
import { KeyResult } from './result';

/**
 * How many failed deployments had each failure reason; a deployment with
 * several reasons is counted under each.
 *
 * @public
 */
export interface FailureReasonCounts {
  /** Status `failure`. */
  failed: number;
  /** Status `rolled_back`. */
  rolledBack: number;
  /** Next completed deployment of the entity is of type `rollback`. */
  followedByRollback: number;
  /**
   * The next completed deployment succeeded with commits that are all
   * ancestors of (or equal to) this one's: a rollback no source flagged.
   */
  replacedByAncestor: number;
  /** Linked to at least one incident. */
  causedIncident: number;
}

/**
 * Change failure rate.
 *
 * @public
 */
export interface ChangeFailureRateResult extends KeyResult {
  key: 'changeFailureRate';
  reasons: FailureReasonCounts;
  /**
   * Failed deployments whose only reason is an inferred (time-window)
   * incident link: the part of the rate that rests on a guess.
   */
  inferredOnly: number;
}

/**
 * Change failure rate: failed ÷ completed deployments to the environment.
 *
 * @remarks
 * - `denominator`: deployments to the environment with status `success`,
 *   `failure` or `rolled_back` and `finishedAt` in the window (every type,
 *   rollbacks and hotfixes included).
 * - `count`: those that failed — status `failure`; status `rolled_back`;
 *   the next completed deployment of the same entity and environment (by
 *   finish time, then id) is of type `rollback`, or succeeded with commits
 *   that are all ancestors of (or equal to) this one's; or an incident is linked
 *   to it (see linkIncidents; inferred links unless excluded).
 * - `value = count / denominator`, `undefined` when the denominator is 0.
 *   Series: the ratio per bucket, `undefined` for empty buckets. Tier
 *   (2023): elite ≤ 5%, high ≤ 10%, medium ≤ 15%, else low.
 *
 * @public
 */
export function changeFailureRate(
  events: DoraEvents,
  window: Window,
  options?: DoraOptions,
): ChangeFailureRateResult {
  return changeFailureRateOf(analyze(events, options), window);
}

/** changeFailureRate over an existing analysis. */
export function changeFailureRateOf(
  analysis: Analysis,
  window: Window,
): ChangeFailureRateResult {
  const { result, counted: failed } = deploymentRatio(
    analysis,
    window,
    'changeFailureRate',
    f => f.failureReasons.length > 0,
  );
  const having = (reason: DeploymentFact['failureReasons'][number]) =>
    failed.filter(f => f.failureReasons.includes(reason)).length;
  return {
    ...result,
    key: 'changeFailureRate',
    reasons: {
      failed: having('failed'),
      rolledBack: having('rolled-back'),
      followedByRollback: having('followed-by-rollback'),
      replacedByAncestor: having('replaced-by-ancestor'),
      causedIncident: having('caused-incident'),
    },
    inferredOnly: failed.filter(f => f.inferredOnly).length,
  };
}
