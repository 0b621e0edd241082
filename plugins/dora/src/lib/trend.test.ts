import { trendDescription, trendView } from './trend';

describe('trendView', () => {
  it.each([
    // key, previous, delta, arrow, good
    ['deploymentFrequency', 1, 0.5, 'up', true],
    ['deploymentFrequency', 1, -0.5, 'down', false],
    ['changeLeadTime', 1000, 500, 'up', false],
    ['changeLeadTime', 1000, -500, 'down', true],
    ['changeFailureRate', 0.1, 0.05, 'up', false],
    ['changeFailureRate', 0.1, -0.05, 'down', true],
    ['failedDeploymentRecoveryTime', 1000, -10, 'down', true],
    ['deploymentReworkRate', 0.02, 0.01, 'up', false],
    ['changeFailureRate', 0.1, 0, 'flat', undefined],
  ] as const)(
    '%s with delta %p is %s (good: %p)',
    (key, previous, delta, arrow, good) => {
      expect(trendView(key, { previous, delta })).toMatchObject({
        arrow,
        good,
      });
    },
  );

  it('has no trend when either window lacks data', () => {
    expect(trendView('changeLeadTime', undefined)).toBeUndefined();
    expect(
      trendView('changeLeadTime', { previous: undefined, delta: undefined }),
    ).toBeUndefined();
    expect(trendView('changeLeadTime', { previous: 1, delta: NaN })).toBe(
      undefined,
    );
  });

  it('gives a relative change only against a non-zero previous value', () => {
    expect(
      trendView('deploymentFrequency', { previous: 2, delta: 1 })?.relative,
    ).toBe(0.5);
    expect(
      trendView('deploymentFrequency', { previous: 0, delta: 1 })?.relative,
    ).toBeUndefined();
  });
});

describe('trendDescription', () => {
  it('says which way and whether it is better', () => {
    expect(
      trendDescription(
        trendView('changeFailureRate', { previous: 0.2, delta: -0.05 }),
      ),
    ).toBe('Down 25% from the previous window (better)');
    expect(
      trendDescription(
        trendView('deploymentFrequency', { previous: 0, delta: 3 }),
      ),
    ).toBe('Up from the previous window (better)');
    expect(
      trendDescription(trendView('changeLeadTime', { previous: 5, delta: 0 })),
    ).toBe('Unchanged from the previous window');
    expect(trendDescription(undefined)).toMatch(/No trend/);
  });
});
