import { monthRange } from '@internal/portal-common';
import { budgetRemaining, sli } from './budget';

// The JSDoc below must not name the portal-common package by its scope: TypeScript's
// stripInternal reads that scope as an internal tag and leaves the function out of the types.
/**
 * A calendar month `YYYY-MM` in UTC as epoch seconds, half-open: from the first day 00:00
 * to the next month's first day 00:00 (portal-common's `monthRange` in seconds), so the
 * review, the DORA page and the SLO month answer count "November" over the same instants.
 *
 * @public
 */
export function calendarMonth(month: string): { from: number; to: number } {
  const { from, to } = monthRange(month);
  return { from: from / 1000, to: to / 1000 };
}

/** An SLO's figures over one calendar month of events. @public */
export interface MonthAttainment {
  /** Share of good events in the month; undefined without traffic. */
  sli: number | undefined;
  /** Whether the month's SLI reached the objective; undefined without traffic. */
  met: boolean | undefined;
  /**
   * Budget left at month end when the month is the budget period: 1 − (bad share ÷ (1 −
   * objective)). Negative when overspent; undefined without traffic.
   */
  budgetRemaining: number | undefined;
  budgetConsumed: number | undefined;
}

/**
 * Pure: attainment of one calendar month from its good and total event sums (the month as
 * the budget period, whatever the SLO's rolling window is).
 *
 * @public
 */
export function monthAttainment(input: {
  good: number;
  total: number;
  target: number;
}): MonthAttainment {
  const s = sli(input.good, input.total);
  const remaining = budgetRemaining(input);
  return {
    sli: s,
    met: s === undefined ? undefined : s >= input.target,
    budgetRemaining: remaining,
    budgetConsumed: remaining === undefined ? undefined : 1 - remaining,
  };
}
