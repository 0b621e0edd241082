import { InputError } from '@backstage/errors';
import { DoraKey, Tier, classifyTier } from './benchmarks';
import { DAY_MS, HOUR_MS, WEEK_MS } from './time';

describe('classifyTier', () => {
  it.each<[DoraKey, number, Tier]>([
    // Deployment frequency, deployments per day (higher is better).
    ['deploymentFrequency', 3, 'elite'],
    ['deploymentFrequency', 1, 'elite'],
    ['deploymentFrequency', 0.99, 'high'],
    ['deploymentFrequency', 4 / 28, 'high'], // exactly once per week
    ['deploymentFrequency', 0.14, 'medium'],
    ['deploymentFrequency', 1 / 30, 'medium'],
    ['deploymentFrequency', 0.033, 'low'],
    ['deploymentFrequency', 0, 'low'],
    // Change lead time, ms (lower is better, upper bounds exclusive).
    ['changeLeadTime', DAY_MS - 1, 'elite'],
    ['changeLeadTime', DAY_MS, 'high'],
    ['changeLeadTime', WEEK_MS, 'medium'],
    ['changeLeadTime', 30 * DAY_MS - 1, 'medium'],
    ['changeLeadTime', 30 * DAY_MS, 'low'],
    // Change failure rate (upper bounds inclusive).
    ['changeFailureRate', 0, 'elite'],
    ['changeFailureRate', 1 / 20, 'elite'],
    ['changeFailureRate', 0.0501, 'high'],
    ['changeFailureRate', 0.1, 'high'],
    ['changeFailureRate', 0.15, 'medium'],
    ['changeFailureRate', 0.1501, 'low'],
    // Failed deployment recovery time, ms.
    ['failedDeploymentRecoveryTime', HOUR_MS - 1, 'elite'],
    ['failedDeploymentRecoveryTime', HOUR_MS, 'high'],
    ['failedDeploymentRecoveryTime', DAY_MS, 'medium'],
    ['failedDeploymentRecoveryTime', WEEK_MS, 'low'],
  ])('2023: %s = %d is %s', (key, value, tier) => {
    expect(classifyTier(key, value)).toBe(tier);
  });

  it.each<[DoraKey, number, Tier]>([
    ['changeFailureRate', 0.05, 'elite'],
    ['changeFailureRate', 0.12, 'high'],
    ['changeFailureRate', 0.2, 'high'],
    ['changeFailureRate', 0.21, 'low'],
    ['failedDeploymentRecoveryTime', 2 * DAY_MS, 'low'],
    ['changeLeadTime', 2 * DAY_MS, 'high'],
  ])('2024: %s = %d is %s', (key, value, tier) => {
    expect(classifyTier(key, value, 2024)).toBe(tier);
  });

  it('has no tier without a value or for the rework rate', () => {
    expect(classifyTier('changeLeadTime', undefined)).toBeUndefined();
    expect(classifyTier('deploymentReworkRate', 0)).toBeUndefined();
    expect(classifyTier('deploymentReworkRate', 0, 2024)).toBeUndefined();
  });

  it('rejects unknown report years', () => {
    expect(() => classifyTier('changeLeadTime', 1, 2019 as any)).toThrow(
      new InputError('benchmarkYear: must be one of 2023, 2024'),
    );
  });
});
