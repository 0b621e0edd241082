import { InputError } from '@backstage/errors';
import { budgetRemaining, sli } from './budget';

/** Result of {@link timesliceBudget}. */
export interface TimesliceBudget {
  slicesWithData: number;
  goodSlices: number;
  badSlices: number;
  /** Good slices over slices with data; undefined when no slice has data. */
  goodSliceRatio: number | undefined;
  /** Remaining budget in slices; undefined when no slice has data. */
  remaining: number | undefined;
}

// A slice exactly at the target is good; float noise must not flip it.
const SLICE_EPSILON = 1e-12;

/**
 * Timeslice budgeting: a slice is good when its own SLI reaches
 * `sliceTarget`; the SLO then counts good slices instead of good events.
 * Slices without traffic neither help nor hurt (they are skipped).
 *
 * The budget is (1 − sloTarget) bad slices per slice counted. By default
 * that is the slices with data; pass `windowSlices` (all slices in the SLO
 * window, e.g. 43200 one-minute slices in 30 days) to measure the budget
 * against the whole window, which is what a timeslice SLO promises.
 */
export function timesliceBudget(
  slices: Array<{ good: number; total: number }>,
  sliceTarget: number,
  sloTarget: number,
  options: { windowSlices?: number } = {},
): TimesliceBudget {
  if (!(sliceTarget > 0 && sliceTarget <= 1)) {
    throw new InputError(
      `sliceTarget must be a number between 0 and 1, got ${sliceTarget}`,
    );
  }
  let slicesWithData = 0;
  let goodSlices = 0;
  for (const slice of slices) {
    const ratio = sli(slice.good, slice.total);
    if (ratio === undefined) {
      continue;
    }
    slicesWithData += 1;
    if (ratio >= sliceTarget - SLICE_EPSILON) {
      goodSlices += 1;
    }
  }
  const badSlices = slicesWithData - goodSlices;
  const counted = options.windowSlices ?? slicesWithData;
  if (counted < slicesWithData) {
    throw new InputError(
      `windowSlices (${counted}) cannot be less than the ${slicesWithData} slices with data`,
    );
  }
  const remaining =
    slicesWithData === 0
      ? undefined
      : budgetRemaining({
          good: counted - badSlices,
          total: counted,
          target: sloTarget,
        });
  return {
    slicesWithData,
    goodSlices,
    badSlices,
    goodSliceRatio: slicesWithData ? goodSlices / slicesWithData : undefined,
    remaining,
  };
}
