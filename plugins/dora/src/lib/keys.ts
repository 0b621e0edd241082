import type { DoraKey } from '@internal/plugin-dora-common';

/** Column order everywhere: the two throughput keys, then the three stability keys. */
export const DORA_KEYS: readonly DoraKey[] = [
  'deploymentFrequency',
  'changeLeadTime',
  'changeFailureRate',
  'failedDeploymentRecoveryTime',
  'deploymentReworkRate',
];

export const KEY_LABELS: Record<DoraKey, string> = {
  deploymentFrequency: 'Deployment frequency',
  changeLeadTime: 'Change lead time',
  changeFailureRate: 'Change failure rate',
  failedDeploymentRecoveryTime: 'Failed deployment recovery time',
  deploymentReworkRate: 'Deployment rework rate',
};

/** Table headers have little room; these keep the five columns readable side by side. */
export const KEY_SHORT_LABELS: Record<DoraKey, string> = {
  deploymentFrequency: 'Deploy frequency',
  changeLeadTime: 'Lead time',
  changeFailureRate: 'Failure rate',
  failedDeploymentRecoveryTime: 'Recovery time',
  deploymentReworkRate: 'Rework rate',
};

/** Only throughput of deployments improves as it grows; every other key is a cost. */
export function higherIsBetter(key: DoraKey): boolean {
  return key === 'deploymentFrequency';
}
