import { changeOf } from './change';

describe('changeOf', () => {
  it.each([
    // key, value, previous, delta, relative, direction
    ['deploymentFrequency', 2, 1, 1, 1, 'better'],
    ['deploymentFrequency', 1, 2, -1, -0.5, 'worse'],
    ['changeLeadTime', 3_600_000, 7_200_000, -3_600_000, -0.5, 'better'],
    ['changeLeadTime', 7_200_000, 3_600_000, 3_600_000, 1, 'worse'],
    ['changeFailureRate', 0.25, 0.2, 0.05, 0.25, 'worse'],
    ['failedDeploymentRecoveryTime', 60_000, 120_000, -60_000, -0.5, 'better'],
    ['deploymentReworkRate', 0.1, 0.1, 0, 0, 'unchanged'],
  ] as const)(
    '%s %d from %d: delta %d, relative %d, %s',
    (key, value, previous, delta, relative, direction) => {
      const change = changeOf(key, value, previous);
      expect(change.previous).toBe(previous);
      expect(change.delta).toBeCloseTo(delta, 12);
      expect(change.relative).toBeCloseTo(relative, 12);
      expect(change.direction).toBe(direction);
    },
  );

  it('has no relative change from zero, but a direction', () => {
    expect(changeOf('changeFailureRate', 0.1, 0)).toEqual({
      previous: 0,
      delta: 0.1,
      relative: null,
      direction: 'worse',
    });
  });

  it('says nothing when either month has no data (no data is not zero)', () => {
    expect(changeOf('changeLeadTime', undefined, 5)).toEqual({
      previous: 5,
      delta: null,
      relative: null,
      direction: null,
    });
    expect(changeOf('changeLeadTime', 5, null)).toEqual({
      previous: null,
      delta: null,
      relative: null,
      direction: null,
    });
  });
});
