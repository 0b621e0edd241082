import { median, percentile, ratio } from './stats';

describe('percentile (nearest rank)', () => {
  it.each([
    // [values, p, expected]: rank = ceil(p/100 × n), 1-based, ascending
    [[], 50, undefined],
    [[7], 50, 7],
    [[7], 90, 7],
    [[3, 1, 2], 50, 2],
    [[4, 1, 3, 2], 50, 2], // even count: lower middle, not 2.5
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10], // ceil(9.9) = 10
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 70, 7], // no 0.7 × 10 = 7.000…1 drift
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 100, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1, 1],
    [[5, 5, 1, 5], 50, 5],
  ])('percentile(%j, %i) = %p', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it.each([0, -1, 101, NaN])('rejects p = %p', p => {
    expect(() => percentile([1], p)).toThrow(RangeError);
  });

  // PostgreSQL's percentile_disc computes ceil(fraction × n) in float8; for
  // the fractions the keys use it agrees with the integer rank used here.
  it('agrees with a float ceil(0.5 n) and ceil(0.9 n) for n up to 100k', () => {
    const differing: number[] = [];
    for (let n = 1; n <= 100_000; n++) {
      if (
        Math.ceil((50 * n) / 100) !== Math.ceil(0.5 * n) ||
        Math.ceil((90 * n) / 100) !== Math.ceil(0.9 * n)
      ) {
        differing.push(n);
      }
    }
    expect(differing).toEqual([]);
  });

  it('median is the nearest-rank p50', () => {
    expect(median([10, 40, 20, 30])).toBe(20);
    expect(median([])).toBeUndefined();
  });
});

describe('ratio', () => {
  it('is undefined, never NaN, without a denominator', () => {
    expect(ratio(0, 0)).toBeUndefined();
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 3)).toBe(0);
  });
});
