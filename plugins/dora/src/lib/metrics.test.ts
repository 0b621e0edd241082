import { makeMetrics } from '../__testUtils__/fixtures';
import { hasDeployments } from './metrics';

describe('hasDeployments', () => {
  it.each([
    ['no metrics', undefined, false],
    ['an empty window', makeMetrics(), false],
    [
      'successful deployments',
      makeMetrics({ deploymentFrequency: { value: 1, count: 30 } }),
      true,
    ],
  ])('%s → %p', (_, metrics, expected) => {
    expect(hasDeployments(metrics)).toBe(expected);
  });

  it('counts a window of only failed deployments as data', () => {
    const metrics = makeMetrics({ changeFailureRate: { value: 1, count: 2 } });
    metrics.changeFailureRate.denominator = 2;
    expect(hasDeployments(metrics)).toBe(true);
  });
});
