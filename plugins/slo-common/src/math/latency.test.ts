import { inputErrorMessage } from '../testUtils';
import { HistogramBucket, latencyGoodTotal } from './latency';

// Prometheus client default buckets, cumulative counts.
const BUCKETS: HistogramBucket[] = [
  { le: 0.005, count: 100 },
  { le: 0.01, count: 220 },
  { le: 0.025, count: 500 },
  { le: 0.05, count: 800 },
  { le: 0.1, count: 900 },
  { le: 0.25, count: 960 },
  { le: 0.5, count: 985 },
  { le: 1, count: 995 },
  { le: 2.5, count: 999 },
  { le: 5, count: 1000 },
  { le: 10, count: 1000 },
  { le: '+Inf', count: 1000 },
];

describe('latencyGoodTotal', () => {
  it.each([
    ['exact bucket', 0.25, 960, 0.25, false],
    ['exact bucket despite float noise', 0.1 + 0.15, 960, 0.25, false],
    ['between buckets takes the lower one', 0.3, 960, 0.25, true],
    ['above the largest finite bucket', 20, 1000, 10, true],
    [
      'below the smallest bucket counts nothing as good',
      0.001,
      0,
      undefined,
      true,
    ],
  ])('%s', (_, threshold, good, le, approximated) => {
    expect(latencyGoodTotal(BUCKETS, threshold)).toEqual({
      good,
      total: 1000,
      le,
      approximated,
    });
  });

  it('ignores bucket order and accepts Infinity for +Inf', () => {
    const shuffled: HistogramBucket[] = [
      { le: Infinity, count: 10 },
      { le: 0.5, count: 9 },
      { le: 0.1, count: 4 },
    ];
    expect(latencyGoodTotal(shuffled, 0.5)).toEqual({
      good: 9,
      total: 10,
      le: 0.5,
      approximated: false,
    });
  });

  it('handles no traffic', () => {
    expect(
      latencyGoodTotal(
        [
          { le: 0.3, count: 0 },
          { le: '+Inf', count: 0 },
        ],
        0.3,
      ),
    ).toEqual({ good: 0, total: 0, le: 0.3, approximated: false });
  });

  it('never reports more good than total (buckets from different scrapes)', () => {
    expect(
      latencyGoodTotal(
        [
          { le: 0.3, count: 12 },
          { le: '+Inf', count: 11 },
        ],
        0.3,
      ).good,
    ).toBe(11);
  });

  it.each([
    [
      [{ le: 0.3, count: 5 }],
      0.3,
      'histogram has no +Inf bucket, so the total number of events is unknown',
    ],
    [BUCKETS, 0, 'thresholdSeconds must be a positive number, got 0'],
    [
      [{ le: '+Inf', count: NaN }],
      0.3,
      'histogram bucket le=+Inf has an invalid count NaN',
    ],
  ] as const)('rejects %#', (buckets, threshold, message) => {
    expect(
      inputErrorMessage(() => latencyGoodTotal([...buckets], threshold)),
    ).toBe(message);
  });
});
