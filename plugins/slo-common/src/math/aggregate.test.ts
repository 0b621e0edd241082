import { inputErrorMessage } from '../testUtils';
import { aggregate, RollupBucket, rollingWindowSeries } from './aggregate';

const HOUR = 3600;

const hourly = (counts: Array<[number, number]>, start = 0): RollupBucket[] =>
  counts.map(([good, total], i) => ({ start: start + i * HOUR, good, total }));

describe('aggregate', () => {
  const buckets = hourly([
    [10, 10],
    [8, 10],
    [5, 5],
  ]);

  it.each([
    ['everything', 0, 3 * HOUR, 23, 25],
    ['from is inclusive', HOUR, 3 * HOUR, 13, 15],
    ['to is exclusive', 0, HOUR, 10, 10],
    ['a bucket counts where it starts', 1, HOUR + 1, 8, 10],
    ['empty range', HOUR, HOUR, 0, 0],
    ['before any data', -10 * HOUR, 0, 0, 0],
  ])('%s', (_, from, to, good, total) => {
    expect(aggregate(buckets, from, to)).toEqual({ good, total });
  });

  it('adjacent ranges partition the buckets', () => {
    const a = aggregate(buckets, 0, HOUR);
    const b = aggregate(buckets, HOUR, 3 * HOUR);
    expect(a.total + b.total).toBe(aggregate(buckets, 0, 3 * HOUR).total);
  });

  it('returns zeros for no buckets', () => {
    expect(aggregate([], 0, HOUR)).toEqual({ good: 0, total: 0 });
  });
});

describe('rollingWindowSeries', () => {
  it('summarises the trailing window at each step', () => {
    const buckets = hourly([
      [1000, 1000],
      [990, 1000],
      [1000, 1000],
      [0, 0],
    ]);
    const points = rollingWindowSeries(buckets, 2 * HOUR, HOUR, 0.99);
    expect(points.map(p => p.t)).toEqual([HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR]);
    expect(points.map(p => p.sli)).toEqual([1, 0.995, 0.995, 1]);
    expect(points[1].remaining).toBeCloseTo(0.5, 9);
    expect(points[1].burnRate).toBeCloseTo(0.5, 9);
    // The last hour alone burns at 1× (1% bad against a 1% budget); the 2h window half that.
    expect(points.map(p => p.recentBurnRate)).toEqual([
      0,
      expect.closeTo(1, 9),
      0,
      undefined,
    ]);
    expect(points[3]).toEqual({
      t: 4 * HOUR,
      sli: 1,
      remaining: 1,
      burnRate: 0,
      recentBurnRate: undefined,
    });
  });

  it('reports no data where the window is empty, never NaN', () => {
    const buckets = hourly([[5, 5]]);
    const points = rollingWindowSeries(buckets, HOUR, HOUR, 0.999, {
      from: 0,
      to: 3 * HOUR,
    });
    expect(points).toEqual([
      {
        t: 0,
        sli: undefined,
        remaining: undefined,
        burnRate: undefined,
        recentBurnRate: undefined,
      },
      { t: HOUR, sli: 1, remaining: 1, burnRate: 0, recentBurnRate: 0 },
      {
        t: 2 * HOUR,
        sli: undefined,
        remaining: undefined,
        burnRate: undefined,
        recentBurnRate: undefined,
      },
      {
        t: 3 * HOUR,
        sli: undefined,
        remaining: undefined,
        burnRate: undefined,
        recentBurnRate: undefined,
      },
    ]);
  });

  it('matches aggregate at every point, whatever the bucket order', () => {
    const buckets = hourly(
      Array.from(
        { length: 48 },
        (_, i) => [100 - (i % 7), 100] as [number, number],
      ),
      1_700_000_000,
    ).reverse();
    const window = 6 * HOUR;
    for (const p of rollingWindowSeries(buckets, window, 2 * HOUR, 0.95)) {
      const { good, total } = aggregate(buckets, p.t - window, p.t);
      expect(p.sli).toBeCloseTo(good / total, 12);
      const recent = aggregate(buckets, p.t - 2 * HOUR, p.t);
      expect(p.recentBurnRate).toBeCloseTo(
        (1 - recent.good / recent.total) / 0.05,
        9,
      );
    }
  });

  it('returns no points without buckets or range', () => {
    expect(rollingWindowSeries([], HOUR, HOUR, 0.99)).toEqual([]);
  });

  it('rejects bad steps and runaway ranges', () => {
    expect(
      inputErrorMessage(() => rollingWindowSeries([], HOUR, 0, 0.99)),
    ).toBe('windowSeconds and stepSeconds must be positive, got 3600 and 0');
    expect(
      inputErrorMessage(() =>
        rollingWindowSeries([], HOUR, 1, 0.99, { from: 0, to: 1e9 }),
      ),
    ).toBe(
      'rollingWindowSeries would produce more than 100000 points; use a larger step',
    );
  });
});
