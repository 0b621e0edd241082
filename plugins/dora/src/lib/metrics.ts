import type { DoraMetrics } from '@internal/plugin-dora-common';

/**
 * Whether the window saw any completed deployment. Frequency counts only
 * successes and the failure rate's denominator counts every completed one,
 * so both are needed: a window of nothing but failures still has data.
 */
export function hasDeployments(metrics: DoraMetrics | undefined): boolean {
  if (!metrics) return false;
  return (
    (metrics.deploymentFrequency?.count ?? 0) > 0 ||
    (metrics.changeFailureRate?.denominator ?? 0) > 0
  );
}
