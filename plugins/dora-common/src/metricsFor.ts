import { analyze } from './analysis';
import {
  ChangeFailureRateResult,
  changeFailureRateOf,
} from './keys/changeFailureRate';
import { ChangeLeadTimeResult, changeLeadTimeOf } from './keys/changeLeadTime';
import {
  DeploymentFrequencyResult,
  deploymentFrequencyOf,
} from './keys/deploymentFrequency';
import {
  DeploymentReworkRateResult,
  deploymentReworkRateOf,
} from './keys/deploymentReworkRate';
import {
  FailedDeploymentRecoveryTimeResult,
  failedDeploymentRecoveryTimeOf,
} from './keys/failedDeploymentRecoveryTime';
import { DoraOptions } from './options';
import { DoraEvents, Window } from './types';

/**
 * All five keys for one scope and window.
 *
 * @public
 */
export interface DoraMetrics {
  deploymentFrequency: DeploymentFrequencyResult;
  changeLeadTime: ChangeLeadTimeResult;
  changeFailureRate: ChangeFailureRateResult;
  failedDeploymentRecoveryTime: FailedDeploymentRecoveryTimeResult;
  deploymentReworkRate: DeploymentReworkRateResult;
}

/**
 * The five keys over a set of entities: an entity, team, system or org view
 * is the same computation with a different `entityRefs` set.
 *
 * @remarks
 * Counting is restricted to the set, but incident links and "next
 * deployment" look-ups see the whole history, so a group's counts are
 * exactly the sums of its members' counts (its medians are medians of the
 * pooled samples, not medians of medians). The history is analysed once and
 * shared by the five keys.
 *
 * @param entityRefs - entities in scope, in any accepted reference form
 * @param events - the history, typically all events of those entities plus
 *   any incidents that may blame them
 * @param window - half-open `[from, to)`
 * @param environment - default `production`
 * @param options - the remaining DoraOptions
 * @public
 */
export function metricsFor(
  entityRefs: ReadonlySet<string>,
  events: DoraEvents,
  window: Window,
  environment: string = 'production',
  options: Omit<DoraOptions, 'entityRefs' | 'environment'> = {},
): DoraMetrics {
  const analysis = analyze(events, { ...options, environment, entityRefs });
  return {
    deploymentFrequency: deploymentFrequencyOf(analysis, window),
    changeLeadTime: changeLeadTimeOf(analysis, window),
    changeFailureRate: changeFailureRateOf(analysis, window),
    failedDeploymentRecoveryTime: failedDeploymentRecoveryTimeOf(
      analysis,
      window,
    ),
    deploymentReworkRate: deploymentReworkRateOf(analysis, window),
  };
}
