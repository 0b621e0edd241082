import { increaseFromSamples } from './counters';

describe('increaseFromSamples', () => {
  it.each<[string, Array<[number, number]>, number | undefined]>([
    ['no samples', [], undefined],
    ['one sample', [[0, 5]], undefined],
    [
      'steady counter',
      [
        [0, 10],
        [15, 12],
        [30, 20],
      ],
      10,
    ],
    [
      'flat counter',
      [
        [0, 7],
        [15, 7],
      ],
      0,
    ],
    [
      'reset to a lower value',
      [
        [0, 100],
        [15, 120],
        [30, 5],
        [45, 9],
      ],
      29,
    ],
    [
      'reset to zero',
      [
        [0, 50],
        [15, 0],
        [30, 3],
      ],
      3,
    ],
    [
      'two resets',
      [
        [0, 10],
        [15, 2],
        [30, 1],
        [45, 4],
      ],
      6,
    ],
    [
      'unsorted samples',
      [
        [30, 20],
        [0, 10],
        [15, 12],
      ],
      10,
    ],
    [
      'staleness markers are skipped',
      [
        [0, 10],
        [15, NaN],
        [30, 14],
      ],
      4,
    ],
    [
      'only one usable sample',
      [
        [0, NaN],
        [15, 3],
      ],
      undefined,
    ],
  ])('%s', (_, samples, expected) => {
    expect(increaseFromSamples(samples)).toBe(expected);
  });

  it('does not reorder the caller’s array', () => {
    const samples: Array<[number, number]> = [
      [30, 20],
      [0, 10],
    ];
    increaseFromSamples(samples);
    expect(samples[0][0]).toBe(30);
  });
});
