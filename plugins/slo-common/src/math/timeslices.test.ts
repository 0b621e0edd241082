import { inputErrorMessage, round } from '../testUtils';
import { timesliceBudget } from './timeslices';

const good = { good: 100, total: 100 };
const bad = { good: 90, total: 100 };
const empty = { good: 0, total: 0 };

describe('timesliceBudget', () => {
  it.each([
    ['no slices', [], undefined, undefined, 0, 0],
    ['only empty slices', [empty, empty], undefined, undefined, 0, 0],
    ['all good', [good, good, good, good], 1, 1, 4, 4],
    ['one bad of four at a 75% target', [good, good, good, bad], 0.75, 0, 4, 3],
    ['empty slices are skipped', [good, empty, bad, empty], 0.5, -1, 2, 1],
    [
      'a slice exactly at the slice target is good',
      [{ good: 95, total: 100 }],
      1,
      1,
      1,
      1,
    ],
    ['one event, bad', [{ good: 0, total: 1 }], 0, -3, 1, 0],
  ])('%s', (_, slices, ratio, remaining, withData, goodSlices) => {
    const result = timesliceBudget(slices, 0.95, 0.75);
    expect(result.goodSliceRatio).toBe(ratio);
    expect(round(result.remaining)).toBe(remaining);
    expect(result.slicesWithData).toBe(withData);
    expect(result.goodSlices).toBe(goodSlices);
    expect(result.badSlices).toBe(withData - goodSlices);
  });

  it('measures the budget against the whole window when given', () => {
    // 30 days of 1-minute slices at 99.9%: 43.2 bad minutes allowed.
    const slices = [...Array(100).fill(good), ...Array(10).fill(bad)];
    const result = timesliceBudget(slices, 0.95, 0.999, {
      windowSlices: 43200,
    });
    expect(result.remaining).toBeCloseTo(1 - 10 / 43.2, 9);
    expect(result.goodSliceRatio).toBeCloseTo(100 / 110, 12);
  });

  it('treats a 100% objective with a bad slice as exhausted', () => {
    expect(timesliceBudget([good, bad], 0.95, 1).remaining).toBe(-Infinity);
  });

  it('rejects impossible input', () => {
    expect(
      inputErrorMessage(() =>
        timesliceBudget([good, good], 0.95, 0.99, { windowSlices: 1 }),
      ),
    ).toBe('windowSlices (1) cannot be less than the 2 slices with data');
    expect(inputErrorMessage(() => timesliceBudget([good], 95, 0.99))).toBe(
      'sliceTarget must be a number between 0 and 1, got 95',
    );
  });
});
