import { day, dayMs, deployment } from '../testUtils';
import { changeFailureRate } from './changeFailureRate';
import { deploymentFrequency } from './deploymentFrequency';
import { trendOf } from './result';

describe('trendOf', () => {
  it.each([
    ['deploymentFrequency', 2, 1, 'better'],
    ['deploymentFrequency', 1, 2, 'worse'],
    ['changeLeadTime', 1, 2, 'better'],
    ['changeFailureRate', 0.2, 0.1, 'worse'],
    ['deploymentReworkRate', 0.1, 0.1, 'unchanged'],
  ] as const)('%s from %d to %d is %s', (key, value, previous, direction) => {
    expect(trendOf(key, value, previous)).toEqual({
      previous,
      delta: value - previous,
      direction,
    });
  });

  it('has no direction when either side has no data', () => {
    expect(trendOf('changeFailureRate', 0.1, undefined)).toEqual({
      previous: undefined,
      delta: undefined,
      direction: undefined,
    });
  });
});

describe('series', () => {
  it('clips partial edge buckets to the window', () => {
    // Window Wed 3 Jan – Wed 10 Jan; the Monday 1 Jan deployment is outside.
    const result = deploymentFrequency(
      {
        deployments: [
          deployment({ id: 'out', finishedAt: day(0) }),
          deployment({ id: 'in', finishedAt: day(4) }),
          deployment({ id: 'in2', finishedAt: day(8) }),
        ],
      },
      { from: dayMs(2), to: dayMs(9) },
    );
    expect(result.series).toEqual([
      { bucketStart: '2024-01-01T00:00:00.000Z', value: 1 },
      { bucketStart: '2024-01-08T00:00:00.000Z', value: 1 },
    ]);
  });

  it('uses monthly buckets on request', () => {
    const result = changeFailureRate(
      {
        deployments: [
          deployment({ id: 'a', finishedAt: day(3), status: 'failure' }),
          deployment({ id: 'b', finishedAt: day(40) }),
        ],
      },
      { from: dayMs(0), to: dayMs(91) },
      { bucket: 'month' },
    );
    expect(result.series).toEqual([
      { bucketStart: '2024-01-01T00:00:00.000Z', value: 1 },
      { bucketStart: '2024-02-01T00:00:00.000Z', value: 0 },
      { bucketStart: '2024-03-01T00:00:00.000Z', value: undefined },
    ]);
  });
});
