import { monthRange as calendarMonthRange } from '@internal/portal-common';

/**
 * A UTC calendar month, `YYYY-MM`, with its half-open range in epoch milliseconds.
 *
 * @public
 */
export interface MonthRange {
  month: string;
  /** First instant of the month (UTC midnight on the 1st), inclusive. */
  start: number;
  /** First instant of the next month, exclusive. */
  end: number;
}

// The month parse is portal-common's, the one the DORA and SLO pages use as well.
export { isMonth } from '@internal/portal-common';

/**
 * The range of a `YYYY-MM` month; throws a TypeError naming the value otherwise.
 *
 * @public
 */
export function monthRange(month: string): MonthRange {
  const { from, to } = calendarMonthRange(month);
  return { month, start: from, end: to };
}

/**
 * The month `offset` months after `month` (negative: before); years roll over.
 *
 * @public
 */
export function addMonths(month: string, offset: number): string {
  const { start } = monthRange(month);
  const d = new Date(start);
  return monthOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
}

/**
 * The month before `month`.
 *
 * @public
 */
export function previousMonth(month: string): string {
  return addMonths(month, -1);
}

/**
 * The UTC month an instant falls in.
 *
 * @public
 */
export function monthOf(instant: number | Date): string {
  const d = new Date(instant);
  const m = d.getUTCMonth() + 1;
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${
    m < 10 ? '0' : ''
  }${m}`;
}

/**
 * The last month that has fully ended at `now`: the review's default.
 *
 * @public
 */
export function lastFullMonth(now: number | Date): string {
  return previousMonth(monthOf(now));
}

/**
 * Whether `month` has ended at `now`, so its figures can be frozen in a snapshot.
 *
 * @public
 */
export function isMonthOver(month: string, now: number | Date): boolean {
  return monthRange(month).end <= new Date(now).getTime();
}
