import { hasData, sliAxisMin, toChartPoints } from './history';

describe('toChartPoints', () => {
  it('converts to milliseconds and percentages, keeping nulls as gaps', () => {
    expect(
      toChartPoints([
        {
          t: 1000,
          sli: 0.999,
          remaining: 0.5,
          burnRate: 0.5,
          recentBurnRate: 7,
        },
        {
          t: 4600,
          sli: null,
          remaining: null,
          burnRate: null,
          recentBurnRate: null,
        },
      ]),
    ).toEqual([
      {
        time: 1_000_000,
        sliPercent: 99.9,
        remainingPercent: 50,
        burnRate: 0.5,
        recentBurnRate: 7,
      },
      {
        time: 4_600_000,
        sliPercent: null,
        remainingPercent: null,
        burnRate: null,
        recentBurnRate: null,
      },
    ]);
  });

  it('keeps an overspent budget negative', () => {
    expect(
      toChartPoints([
        { t: 0, sli: 0.99, remaining: -9, burnRate: 10, recentBurnRate: 10 },
      ])[0].remainingPercent,
    ).toBe(-900);
  });
});

describe('hasData', () => {
  it('is false for a history of gaps', () => {
    const points = toChartPoints([
      {
        t: 0,
        sli: null,
        remaining: null,
        burnRate: null,
        recentBurnRate: null,
      },
    ]);
    expect(hasData(points, 'sliPercent')).toBe(false);
    expect(hasData([], 'burnRate')).toBe(false);
  });
});

describe('sliAxisMin', () => {
  const points = (values: Array<number | null>) =>
    values.map((v, i) => ({
      time: i,
      sliPercent: v,
      remainingPercent: null,
      burnRate: null,
      recentBurnRate: null,
    }));

  it.each<[string, Array<number | null>, number, number]>([
    [
      'keeps a 99.9% objective in view with margin',
      [99.98, 99.95],
      99.9,
      99.875,
    ],
    ['follows the data below the objective', [99.5], 99.9, 99.375],
    ['ignores gaps', [null, 99.99], 99, 98.75],
    ['never goes below 0', [0], 99, 0],
    ['works without data', [], 99.5, 99.375],
  ])('%s', (_name, values, objective, expected) => {
    expect(sliAxisMin(points(values), objective)).toBeCloseTo(expected, 6);
  });
});
